import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { OrderFollowedUp } from '@custos/contracts';
import { ApiCodedErrors } from '@custos/platform';
import { ACTING_ORGAN_REFUSALS } from '../shared/request-rules';
import { FollowUpOrderCommand } from './follow-up-order.command';
import { FollowUpOrderRequestDto } from './follow-up-order.request.dto';
import { OrderFollowedUpDto } from '../shared/acts.response.dto';

@ApiTags('findings')
@Controller('findings/:findingId/orders/:orderId/follow-up')
export class FollowUpOrderHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Records whether the order was carried out (R22.1–R25.1). */
  @Roles('OVERSIGHT')
  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: OrderFollowedUpDto })
  @ApiOperation({ summary: 'Records the follow-up of an order: complied with, or not by its deadline' })
  @ApiCodedErrors({
    403: ACTING_ORGAN_REFUSALS,
    404: ['CUSTOS_OVERSIGHT_ACT_NOT_FOUND'],
    409: ['CUSTOS_R22_1_ORDER_ALREADY_FOLLOWED_UP', 'CUSTOS_R23_1_PERIOD_NOT_ENDED', 'CUSTOS_R26_1_ACT_QUASHED'],
  })
  followUp(
    @CurrentPrincipal() principal: Principal,
    @Param('findingId') findingId: string,
    @Param('orderId') orderId: string,
    @Body() body: FollowUpOrderRequestDto,
  ): Promise<OrderFollowedUp> {
    return this.commands.execute(new FollowUpOrderCommand(principal, findingId, orderId, body));
  }
}
