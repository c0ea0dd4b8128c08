import { Controller, Param, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { Result } from '@custos/domain';
import { ApiRefusalCodes, ApiRefusals, orRefuse } from '@custos/platform';
import { NoFeeInterceptor } from '../../shared/no-fee.interceptor';
import { DeliveryLinkDto } from '../evidence-item-commands.response.dto';
import { APPROVAL_DOCUMENT_REFUSALS, ITEM_COMMAND_REFUSALS } from '../evidence-item.refusals';
import { RequestDeliveryLinkCommand } from './request-delivery-link.command';

const DELIVERY_REFUSALS = ['CUSTOS_R18_5_NOT_HANDED_OVER', 'CUSTOS_R18_5_INTEGRITY_MISMATCH', 'CUSTOS_R3_1_NOT_THE_HOLDER', 'CUSTOS_R18_5_NOT_A_RECEIVING_OFFICER'] as const;

@ApiTags('custody')
@ApiBearerAuth()
@Controller('evidence-items/:evidenceItemId/delivery-links')
@UseInterceptors(NoFeeInterceptor)
export class RequestDeliveryLinkHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('OFFICER')
  @ApiCreatedResponse({ type: DeliveryLinkDto })
  @ApiRefusalCodes(...ITEM_COMMAND_REFUSALS, ...APPROVAL_DOCUMENT_REFUSALS, ...DELIVERY_REFUSALS)
  @ApiRefusals(502, 503)
  @ApiOperation({ summary: 'Get a short-lived link to download a handed-over package, as one of its receiving officers (R18.5)' })
  async request(@CurrentPrincipal() principal: Principal, @Param('evidenceItemId') evidenceItemId: string): Promise<DeliveryLinkDto> {
    const command = new RequestDeliveryLinkCommand(principal, evidenceItemId);
    return orRefuse(await this.commands.execute<RequestDeliveryLinkCommand, Result<DeliveryLinkDto>>(command));
  }
}
