import { randomUUID } from 'node:crypto';
import { ChallengeFiled } from '@custos/contracts';
import { CommandHandler } from '@nestjs/cqrs';
import { FindingAggregate } from '../../domain/finding.aggregate';
import { ActStamp, FindingActHandler } from '../shared/act-on-finding';
import { FileChallengeCommand } from './file-challenge.command';

/**
 * R26.1: the party an order or penalty was served on records its application for
 * reconsideration or its suit. Only the party (the domain compares the caller's organisation
 * with the act's), so no PSB competence is asked here.
 */
@CommandHandler(FileChallengeCommand)
export class FileChallengeHandler extends FindingActHandler<FileChallengeCommand, ChallengeFiled> {
  protected decide(finding: FindingAggregate, { challenge }: FileChallengeCommand, { by, at }: ActStamp) {
    return finding.fileChallenge({ challengeId: randomUUID(), ...challenge, filedBy: by, filedAt: at });
  }

  protected override authorise(): void {
    // The party, not an organ, files it: the domain compares the caller's organisation with the act's.
  }
}
