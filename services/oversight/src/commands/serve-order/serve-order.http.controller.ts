import { Body, Controller, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { OrderServed } from '@custos/contracts';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { ACT_ON_AN_ACT_REFUSALS } from '../shared/request-rules';
import { ServeOrderCommand } from './serve-order.command';
import { ServeOrderRequestDto } from './serve-order.request.dto';
import { OrderServedDto } from '../shared/acts.response.dto';
import { FindingPath } from '../shared/finding-paths';

@ApiTags('findings')
@Controller('findings/:findingId/orders')
export class ServeOrderHttpController extends CommandHttpController {
  /** Serves an order of removal or rectification on the party (R22.1, R23.1, R25.1, R26.1). */
  @CommandEndpoint({
    summary:
      'Serves an order of removal or rectification on the party, with reasons and legal basis (R22.1, R23.1, R25.1)',
    response: OrderServedDto,
    roles: ['OVERSIGHT'],
    refusals: [...ACT_ON_AN_ACT_REFUSALS, 'CUSTOS_R22_1_ORDER_KIND_MISMATCH', 'CUSTOS_R23_1_RECTIFICATION_PERIOD_REQUIRED', 'CUSTOS_R22_1_ORDER_ALREADY_IN_FORCE'],
  })
  serve(@CurrentPrincipal() principal: Principal, @Param() path: FindingPath, @Body() body: ServeOrderRequestDto): Promise<OrderServed> {
    return this.commands.execute(new ServeOrderCommand(principal, path.findingId, body));
  }
}
