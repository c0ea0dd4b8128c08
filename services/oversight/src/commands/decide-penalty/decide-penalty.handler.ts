import { randomUUID } from 'node:crypto';
import { PenaltyDecided } from '@custos/contracts';
import { domainErrorOf, err } from '@custos/domain';
import { CommandHandler } from '@nestjs/cqrs';
import { FindingAggregate } from '../../domain/finding.aggregate';
import { ActStamp, FindingActHandler } from '../shared/act-on-finding';
import { DecidePenaltyCommand } from './decide-penalty.command';

/**
 * R22.1–R25.1: the penalty decision is recorded with its article, the article's range for the
 * party, the amount the PSB decided and the responsible persons; the software never computes
 * the amount. The party is the finding's owner.
 */
@CommandHandler(DecidePenaltyCommand)
export class DecidePenaltyHandler extends FindingActHandler<DecidePenaltyCommand, PenaltyDecided> {
  protected decide(finding: FindingAggregate, { findingId, penalty }: DecidePenaltyCommand, { by, at }: ActStamp) {
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
      decidedBy: by,
      decidedAt: at,
    });
  }
}
