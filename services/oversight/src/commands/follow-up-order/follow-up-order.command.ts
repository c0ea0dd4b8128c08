import { Principal } from '@custos/auth';
import { FollowUpOrderRequestDto } from './follow-up-order.request.dto';

export class FollowUpOrderCommand {
  constructor(
    readonly principal: Principal,
    readonly findingId: string,
    readonly orderId: string,
    readonly followUp: FollowUpOrderRequestDto,
  ) {}
}
