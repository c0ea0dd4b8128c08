import { randomUUID } from 'node:crypto';
import { OrderServed } from '@custos/contracts';
import { domainErrorOf, err } from '@custos/domain';
import { CommandHandler } from '@nestjs/cqrs';
import { FindingAggregate } from '../../domain/finding.aggregate';
import { ActStamp, FindingActHandler } from '../shared/act-on-finding';
import { ServeOrderCommand } from './serve-order.command';

/**
 * R22.1 (removal), R23.1 and R25.1 (rectification within a period): the order is served on the
 * party with its reasons and legal basis (R26.1), stamped with the service's clock.
 */
@CommandHandler(ServeOrderCommand)
export class ServeOrderHandler extends FindingActHandler<ServeOrderCommand, OrderServed> {
  protected decide(finding: FindingAggregate, { findingId, order }: ServeOrderCommand, { by, at }: ActStamp) {
    const party = order.partyOrganisationId ?? finding.raised!.subject.organisationId;
    if (!party) return err(domainErrorOf('CUSTOS_OVERSIGHT_ACT_NOT_FOUND', { findingId }, 'the finding names no owner: give partyOrganisationId'));
    return finding.serveOrder({
      orderId: randomUUID(),
      kind: order.kind,
      partyOrganisationId: party,
      reasons: order.reasons,
      legalBasis: order.legalBasis,
      ...(order.deadline ? { deadline: new Date(order.deadline).toISOString() } : {}),
      issuedBy: by,
      servedAt: at,
    });
  }
}
