import { ChallengeDecided } from '@custos/contracts';
import { domainErrorOf } from '@custos/domain';
import { hasAnyRole, Principal } from '@custos/auth';
import { refuse } from '@custos/platform';
import { CommandHandler } from '@nestjs/cqrs';
import { assertMayAct } from '../../access/oversight-access';
import { FindingAggregate } from '../../domain/finding.aggregate';
import { ActStamp, FindingActHandler } from '../shared/act-on-finding';
import { DecideChallengeCommand } from './decide-challenge.command';

/**
 * R26.1: the outcome of a reconsideration or suit is recorded once, by the party or by the
 * public security organ whose act it was (either holds the decision); QUASHED marks the act
 * and ends its effects (see FindingAggregate).
 */
@CommandHandler(DecideChallengeCommand)
export class DecideChallengeHandler extends FindingActHandler<DecideChallengeCommand, ChallengeDecided> {
  protected decide(finding: FindingAggregate, { challengeId, outcome }: DecideChallengeCommand, { by, at }: ActStamp) {
    return finding.decideChallenge({ challengeId, ...outcome, recordedBy: by, decidedAt: at });
  }

  protected override authorise(principal: Principal, divisionCode: string | undefined, finding: FindingAggregate, { challengeId }: DecideChallengeCommand): void {
    if (!hasAnyRole(principal, ['OWNER_OPERATOR'])) return assertMayAct(principal, divisionCode);
    if (finding.challenge(challengeId)?.partyOrganisationId !== principal.organisationId) {
      refuse(domainErrorOf('CUSTOS_R26_1_NOT_THE_PARTY', { challengeId }));
    }
  }
}
