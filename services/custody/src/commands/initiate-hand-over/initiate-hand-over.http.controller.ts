import { Body, Controller, Param, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { Result, SignedApprovalDocument } from '@custos/domain';
import { ApiRefusalCodes, ApiRefusals, orRefuse } from '@custos/platform';
import { HandOverRefusalInterceptor, RecordsHandOverRefusals } from '../../shared/hand-over-refusal.interceptor';
import { NoFeeInterceptor } from '../../shared/no-fee.interceptor';
import { HandOverStartedDto } from '../evidence-item-commands.response.dto';
import { APPROVAL_DOCUMENT_REFUSALS, ITEM_COMMAND_REFUSALS } from '../evidence-item.refusals';
import { InitiateHandOverCommand } from './initiate-hand-over.command';
import { InitiateHandOverRequestDto } from './initiate-hand-over.request.dto';

@ApiTags('custody')
@ApiBearerAuth()
@Controller('evidence-items/:evidenceItemId/hand-overs')
@RecordsHandOverRefusals('INITIATE')
@UseInterceptors(HandOverRefusalInterceptor, NoFeeInterceptor)
export class InitiateHandOverHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('OFFICER')
  @ApiCreatedResponse({ type: HandOverStartedDto })
  @ApiRefusalCodes(...ITEM_COMMAND_REFUSALS, ...APPROVAL_DOCUMENT_REFUSALS, 'CUSTOS_R18_5_ALREADY_HANDED_OVER', 'CUSTOS_R18_5_HAND_OVER_PENDING')
  @ApiRefusals(502, 503)
  @ApiOperation({ summary: 'Start a hand-over: the first receiving officer presents the approval document (R18.5)' })
  async initiate(
    @CurrentPrincipal() principal: Principal,
    @Param('evidenceItemId') evidenceItemId: string,
    @Body() body: InitiateHandOverRequestDto,
  ): Promise<HandOverStartedDto> {
    const command = new InitiateHandOverCommand(principal, evidenceItemId, body.approval as unknown as SignedApprovalDocument, body.purpose);
    return orRefuse(await this.commands.execute<InitiateHandOverCommand, Result<HandOverStartedDto>>(command));
  }
}
