import { OrderFollowedUp } from '@custos/contracts';
import { CommandHandler } from '@nestjs/cqrs';
import { FindingAggregate } from '../../domain/finding.aggregate';
import { ActStamp, FindingActHandler } from '../shared/act-on-finding';
import { FollowUpOrderCommand } from './follow-up-order.command';

/** The PSB checks an order once (R22.1–R25.1); "not complied" only after its period ended (R23.1). */
@CommandHandler(FollowUpOrderCommand)
export class FollowUpOrderHandler extends FindingActHandler<FollowUpOrderCommand, OrderFollowedUp> {
  protected decide(finding: FindingAggregate, { orderId, followUp }: FollowUpOrderCommand, { by, at }: ActStamp) {
    return finding.followUp({ orderId, result: followUp.result, notes: followUp.notes, checkedBy: by, checkedAt: at });
  }
}
