import { OrderFollowedUp } from '@custos/contracts';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { Findings, OVERSIGHT_CLOCK } from '../shared/findings.port';
import { Inject } from '@nestjs/common';
import { actOnFinding } from '../shared/act-on-finding';
import { officialOf } from '../shared/request-rules';
import { FollowUpOrderCommand } from './follow-up-order.command';

/** The PSB checks an order once (R22.1–R25.1); "not complied" only after its period ended (R23.1). */
@CommandHandler(FollowUpOrderCommand)
export class FollowUpOrderHandler implements ICommandHandler<FollowUpOrderCommand, OrderFollowedUp> {
  constructor(
    private readonly findings: Findings,
    @Inject(OVERSIGHT_CLOCK) private readonly now: () => Date,
  ) {}

  execute({ principal, findingId, orderId, followUp }: FollowUpOrderCommand): Promise<OrderFollowedUp> {
    return actOnFinding(this.findings, principal, findingId, (finding) => {
      const checked: OrderFollowedUp = {
        orderId,
        result: followUp.result,
        notes: followUp.notes,
        checkedBy: officialOf(principal),
        checkedAt: this.now().toISOString(),
      };
      return finding.followUp(checked);
    });
  }
}
