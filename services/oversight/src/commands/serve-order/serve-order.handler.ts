import { randomUUID } from 'node:crypto';
import { OrderServed } from '@custos/contracts';
import { domainErrorOf, err } from '@custos/domain';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Findings, OVERSIGHT_CLOCK } from '../shared/findings.port';
import { Inject } from '@nestjs/common';
import { actOnFinding } from '../shared/act-on-finding';
import { officialOf } from '../shared/request-rules';
import { ServeOrderCommand } from './serve-order.command';

/**
 * R22.1 (removal), R23.1 and R25.1 (rectification within a period): the order is served on the
 * party with its reasons and legal basis (R26.1), stamped with the service's clock.
 */
@CommandHandler(ServeOrderCommand)
export class ServeOrderHandler implements ICommandHandler<ServeOrderCommand, OrderServed> {
  constructor(
    private readonly findings: Findings,
    @Inject(OVERSIGHT_CLOCK) private readonly now: () => Date,
  ) {}

  execute({ principal, findingId, order }: ServeOrderCommand): Promise<OrderServed> {
    return actOnFinding(this.findings, principal, findingId, (finding) => {
      const party = order.partyOrganisationId ?? finding.raised!.subject.organisationId;
      if (!party) return err(domainErrorOf('CUSTOS_OVERSIGHT_ACT_NOT_FOUND', { findingId }, 'the finding names no owner: give partyOrganisationId'));
      const served: OrderServed = {
        orderId: randomUUID(),
        kind: order.kind,
        partyOrganisationId: party,
        reasons: order.reasons,
        legalBasis: order.legalBasis,
        ...(order.deadline ? { deadline: new Date(order.deadline).toISOString() } : {}),
        issuedBy: officialOf(principal),
        servedAt: this.now().toISOString(),
      };
      return finding.serveOrder(served);
    });
  }
}
