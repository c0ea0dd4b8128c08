import { ChallengeDecided } from '@custos/contracts';
import { domainErrorOf } from '@custos/domain';
import { hasAnyRole, Principal } from '@custos/auth';
import { refuse } from '@custos/platform';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { assertMayAct } from '../../access/oversight-access';
import { FindingAggregate } from '../../domain/finding.aggregate';
import { Findings, OVERSIGHT_CLOCK } from '../shared/findings.port';
import { Inject } from '@nestjs/common';
import { actOnFinding } from '../shared/act-on-finding';
import { officialOf } from '../shared/request-rules';
import { DecideChallengeCommand } from './decide-challenge.command';

/**
 * R26.1: the outcome of a reconsideration or suit is recorded once, by the party or by the
 * public security organ whose act it was (either holds the decision); QUASHED marks the act
 * and ends its effects (see FindingAggregate).
 */
@CommandHandler(DecideChallengeCommand)
export class DecideChallengeHandler implements ICommandHandler<DecideChallengeCommand, ChallengeDecided> {
  constructor(
    private readonly findings: Findings,
    @Inject(OVERSIGHT_CLOCK) private readonly now: () => Date,
  ) {}

  execute({ principal, findingId, challengeId, outcome }: DecideChallengeCommand): Promise<ChallengeDecided> {
    return actOnFinding(
      this.findings,
      principal,
      findingId,
      (finding) => {
        const decided: ChallengeDecided = {
          challengeId,
          ...outcome,
          recordedBy: officialOf(principal),
          decidedAt: this.now().toISOString(),
        };
        return finding.decideChallenge(decided);
      },
      (caller, divisionCode, finding) => assertPartyOrCompetentOrgan(caller, divisionCode, finding, challengeId),
    );
  }
}

function assertPartyOrCompetentOrgan(principal: Principal, divisionCode: string | undefined, finding: FindingAggregate, challengeId: string): void {
  if (!hasAnyRole(principal, ['OWNER_OPERATOR'])) return assertMayAct(principal, divisionCode);
  if (finding.challenge(challengeId)?.partyOrganisationId !== principal.organisationId) {
    refuse(domainErrorOf('CUSTOS_R26_1_NOT_THE_PARTY', { challengeId }));
  }
}
