import { randomUUID } from 'node:crypto';
import { PenaltyDecided } from '@custos/contracts';
import { domainErrorOf, err } from '@custos/domain';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Findings, OVERSIGHT_CLOCK } from '../shared/findings.port';
import { Inject } from '@nestjs/common';
import { actOnFinding } from '../shared/act-on-finding';
import { officialOf } from '../shared/request-rules';
import { DecidePenaltyCommand } from './decide-penalty.command';

/**
 * R22.1–R25.1: the penalty decision is recorded with its article, the article's range for the
 * party, the amount the PSB decided and the responsible persons; the software never computes
 * the amount. The party is the finding's owner.
 */
@CommandHandler(DecidePenaltyCommand)
export class DecidePenaltyHandler implements ICommandHandler<DecidePenaltyCommand, PenaltyDecided> {
  constructor(
    private readonly findings: Findings,
    @Inject(OVERSIGHT_CLOCK) private readonly now: () => Date,
  ) {}

  execute({ principal, findingId, penalty }: DecidePenaltyCommand): Promise<PenaltyDecided> {
    return actOnFinding(this.findings, principal, findingId, (finding) => {
      const party = finding.raised!.subject.organisationId;
      if (!party) return err(domainErrorOf('CUSTOS_OVERSIGHT_ACT_NOT_FOUND', { findingId }, 'the finding names no owner to penalise'));
      return finding.decidePenalty({
        penaltyId: randomUUID(),
        ...(penalty.orderId ? { orderId: penalty.orderId } : {}),
        article: penalty.article,
        party: penalty.party,
        partyOrganisationId: party,
        responsiblePersons: penalty.responsiblePersons,
        amountCny: penalty.amountCny,
        reasons: penalty.reasons,
        legalBasis: penalty.legalBasis,
        decidedBy: officialOf(principal),
        decidedAt: this.now().toISOString(),
      });
    });
  }
}
