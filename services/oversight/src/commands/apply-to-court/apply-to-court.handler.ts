import { randomUUID } from 'node:crypto';
import { CourtEnforcementApplied } from '@custos/contracts';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Findings, OVERSIGHT_CLOCK } from '../shared/findings.port';
import { Inject } from '@nestjs/common';
import { actOnFinding } from '../shared/act-on-finding';
import { officialOf } from '../shared/request-rules';
import { ApplyToCourtCommand } from './apply-to-court.command';

/** R22.1: a unit that refuses to remove is taken to the people's court for enforcement; recorded. */
@CommandHandler(ApplyToCourtCommand)
export class ApplyToCourtHandler implements ICommandHandler<ApplyToCourtCommand, CourtEnforcementApplied> {
  constructor(
    private readonly findings: Findings,
    @Inject(OVERSIGHT_CLOCK) private readonly now: () => Date,
  ) {}

  execute({ principal, findingId, orderId, application }: ApplyToCourtCommand): Promise<CourtEnforcementApplied> {
    return actOnFinding(this.findings, principal, findingId, (finding) => {
      const applied: CourtEnforcementApplied = {
        applicationId: randomUUID(),
        orderId,
        court: application.court,
        reasons: application.reasons,
        appliedBy: officialOf(principal),
        appliedAt: this.now().toISOString(),
      };
      return finding.applyToCourt(applied);
    });
  }
}
