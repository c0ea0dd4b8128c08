import { CurrentPrincipal, Principal } from '@custos/auth';
import { Body, Param } from '@nestjs/common';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { ApprovalDeniedDto } from '../decision.response.dto';
import { ApprovalCaseCommandController, DECISION_ENDPOINT } from '../approval-case-command.http';
import { DenyRequestCommand } from './deny-request.command';
import { DenyRequestDto } from './deny-request.request.dto';
import { ApprovalCasePath } from '../approval-case-paths';

@ApprovalCaseCommandController('DENY')
export class DenyRequestHttpController extends CommandHttpController {
  @CommandEndpoint({
    ...DECISION_ENDPOINT,
    path: ':requestId/deny',
    summary: 'Denies a request, with a reason and the rule it rests on (R26.1)',
    response: ApprovalDeniedDto,
  })
  deny(@CurrentPrincipal() principal: Principal, @Param() path: ApprovalCasePath, @Body() body: DenyRequestDto): Promise<{ requestId: string; status: 'DENIED' }> {
    const basis = { rule: body.rule, ...(body.legalBasis ? { legalBasis: body.legalBasis } : {}) };
    return this.commands.execute(new DenyRequestCommand(principal, path.requestId, body.reason, basis));
  }
}
