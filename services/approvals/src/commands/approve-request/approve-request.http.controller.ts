import { CurrentPrincipal, Principal } from '@custos/auth';
import { Body, Param } from '@nestjs/common';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { ApprovalGrantedDto } from '../decision.response.dto';
import { ApprovalCaseCommandController, DECISION_ENDPOINT } from '../approval-case-command.http';
import { ApproveRequestCommand, ApproveRequestResult } from './approve-request.command';
import { ApproveRequestDto } from './approve-request.request.dto';
import { ApprovalCasePath } from '../approval-case-paths';

@ApprovalCaseCommandController('APPROVE')
export class ApproveRequestHttpController extends CommandHttpController {
  @CommandEndpoint({
    ...DECISION_ENDPOINT,
    path: ':requestId/approve',
    summary: 'Approves a request and issues its signed approval document (R17.2, R17.3, R18.5)',
    response: ApprovalGrantedDto,
  })
  approve(@CurrentPrincipal() principal: Principal, @Param() path: ApprovalCasePath, @Body() body: ApproveRequestDto): Promise<ApproveRequestResult> {
    return this.commands.execute(new ApproveRequestCommand(principal, path.requestId, body.validUntil));
  }
}
