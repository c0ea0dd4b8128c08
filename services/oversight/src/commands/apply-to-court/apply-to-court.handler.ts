import { randomUUID } from 'node:crypto';
import { CourtEnforcementApplied } from '@custos/contracts';
import { CommandHandler } from '@nestjs/cqrs';
import { FindingAggregate } from '../../domain/finding.aggregate';
import { ActStamp, FindingActHandler } from '../shared/act-on-finding';
import { ApplyToCourtCommand } from './apply-to-court.command';

/** R22.1: a unit that refuses to remove is taken to the people's court for enforcement; recorded. */
@CommandHandler(ApplyToCourtCommand)
export class ApplyToCourtHandler extends FindingActHandler<ApplyToCourtCommand, CourtEnforcementApplied> {
  protected decide(finding: FindingAggregate, { orderId, application }: ApplyToCourtCommand, { by, at }: ActStamp) {
    return finding.applyToCourt({
      applicationId: randomUUID(),
      orderId,
      court: application.court,
      reasons: application.reasons,
      appliedBy: by,
      appliedAt: at,
    });
  }
}
