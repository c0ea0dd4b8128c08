import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DecisionRefusalInterceptor, RecordsDecisionRefusals } from '../../shared/decision-refusal.interceptor';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { ApiCodedErrors } from '@custos/platform';
import { DECISION_ERRORS, ApprovalDeniedDto } from '../decision.response.dto';
import { DenyRequestCommand } from './deny-request.command';
import { DenyRequestDto } from './deny-request.request.dto';

@ApiTags('approvals')
@ApiBearerAuth()
@Controller('approval-cases')
@RecordsDecisionRefusals('DENY')
@UseInterceptors(DecisionRefusalInterceptor)
export class DenyRequestHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Roles('APPROVER')
  @Post(':requestId/deny')
  @HttpCode(200)
  @ApiOkResponse({ type: ApprovalDeniedDto })
  @ApiCodedErrors(DECISION_ERRORS)
  @ApiOperation({ summary: 'Denies a request, with a reason and the rule it rests on (R26.1)' })
  deny(
    @CurrentPrincipal() principal: Principal,
    @Param('requestId', new ParseUUIDPipe({ version: '4' })) requestId: string,
    @Body() body: DenyRequestDto,
  ): Promise<{ requestId: string; status: 'DENIED' }> {
    return this.commands.execute(
      new DenyRequestCommand(principal, requestId, body.reason, { rule: body.rule, ...(body.legalBasis ? { legalBasis: body.legalBasis } : {}) }),
    );
  }
}
