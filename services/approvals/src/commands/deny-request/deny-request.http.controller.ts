import { CurrentPrincipal, Principal } from '@custos/auth';
import { Body, Controller, Param, ParseUUIDPipe } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RecordsDecisionRefusals } from '../../shared/decision-refusal.interceptor';
import { ApiTags } from '@nestjs/swagger';
import { CommandEndpoint } from '@custos/platform';
import { DECISION_ERRORS, ApprovalDeniedDto } from '../decision.response.dto';
import { DenyRequestCommand } from './deny-request.command';
import { DenyRequestDto } from './deny-request.request.dto';

@ApiTags('approvals')
@Controller('approval-cases')
@RecordsDecisionRefusals('DENY')
export class DenyRequestHttpController {
  constructor(private readonly commands: CommandBus) {}

  @CommandEndpoint({
    path: ':requestId/deny',
    status: 200,
    summary: 'Denies a request, with a reason and the rule it rests on (R26.1)',
    response: ApprovalDeniedDto,
    roles: ['APPROVER'],
    refusals: DECISION_ERRORS,
  })
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
