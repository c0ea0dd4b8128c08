import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DecisionRefusalInterceptor, RecordsDecisionRefusals } from '../../shared/decision-refusal.interceptor';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { ApiCodedErrors } from '@custos/platform';
import { DECISION_ERRORS, ApprovalGrantedDto } from '../decision.response.dto';
import { ApproveRequestCommand, ApproveRequestResult } from './approve-request.command';
import { ApproveRequestDto } from './approve-request.request.dto';

@ApiTags('approvals')
@ApiBearerAuth()
@Controller('approval-cases')
@RecordsDecisionRefusals('APPROVE')
@UseInterceptors(DecisionRefusalInterceptor)
export class ApproveRequestHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Roles('APPROVER')
  @Post(':requestId/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: ApprovalGrantedDto })
  @ApiCodedErrors(DECISION_ERRORS)
  @ApiOperation({ summary: 'Approves a request and issues its signed approval document (R17.2, R17.3, R18.5)' })
  approve(
    @CurrentPrincipal() principal: Principal,
    @Param('requestId', new ParseUUIDPipe({ version: '4' })) requestId: string,
    @Body() body: ApproveRequestDto,
  ): Promise<ApproveRequestResult> {
    return this.commands.execute(new ApproveRequestCommand(principal, requestId, body.validUntil));
  }
}
