import { Body, Controller, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { OrderFollowedUp } from '@custos/contracts';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { ACT_ON_AN_ACT_REFUSALS } from '../shared/request-rules';
import { FollowUpOrderCommand } from './follow-up-order.command';
import { FollowUpOrderRequestDto } from './follow-up-order.request.dto';
import { OrderFollowedUpDto } from '../shared/acts.response.dto';
import { OrderPath } from '../shared/finding-paths';

@ApiTags('findings')
@Controller('findings/:findingId/orders/:orderId/follow-up')
export class FollowUpOrderHttpController extends CommandHttpController {
  /** Records whether the order was carried out (R22.1–R25.1). */
  @CommandEndpoint({
    status: 200,
    summary: 'Records the follow-up of an order: complied with, or not by its deadline',
    response: OrderFollowedUpDto,
    roles: ['OVERSIGHT'],
    refusals: [...ACT_ON_AN_ACT_REFUSALS, 'CUSTOS_R22_1_ORDER_ALREADY_FOLLOWED_UP', 'CUSTOS_R23_1_PERIOD_NOT_ENDED', 'CUSTOS_R26_1_ACT_QUASHED'],
  })
  followUp(@CurrentPrincipal() principal: Principal, @Param() path: OrderPath, @Body() body: FollowUpOrderRequestDto): Promise<OrderFollowedUp> {
    return this.commands.execute(new FollowUpOrderCommand(principal, path.findingId, path.orderId, body));
  }
}
