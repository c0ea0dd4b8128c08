import { randomUUID } from 'node:crypto';
import { ChallengeFiled } from '@custos/contracts';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Findings, OVERSIGHT_CLOCK } from '../shared/findings.port';
import { Inject } from '@nestjs/common';
import { actOnFinding } from '../shared/act-on-finding';
import { officialOf } from '../shared/request-rules';
import { FileChallengeCommand } from './file-challenge.command';

/**
 * R26.1: the party an order or penalty was served on records its application for
 * reconsideration or its suit. Only the party (the domain compares the caller's organisation
 * with the act's), so no PSB competence is asked here.
 */
@CommandHandler(FileChallengeCommand)
export class FileChallengeHandler implements ICommandHandler<FileChallengeCommand, ChallengeFiled> {
  constructor(
    private readonly findings: Findings,
    @Inject(OVERSIGHT_CLOCK) private readonly now: () => Date,
  ) {}

  execute({ principal, findingId, challenge }: FileChallengeCommand): Promise<ChallengeFiled> {
    return actOnFinding(
      this.findings,
      principal,
      findingId,
      (finding) => {
        const filed: ChallengeFiled = {
          challengeId: randomUUID(),
          ...challenge,
          filedBy: officialOf(principal),
          filedAt: this.now().toISOString(),
        };
        return finding.fileChallenge(filed);
      },
      () => undefined,
    );
  }
}
