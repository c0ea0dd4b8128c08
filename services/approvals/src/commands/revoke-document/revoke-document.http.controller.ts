import { CurrentPrincipal, Principal } from '@custos/auth';
import { Body, Param } from '@nestjs/common';
import { CommandEndpoint, CommandHttpController } from '@custos/platform';
import { DocumentRevokedDto } from '../decision.response.dto';
import { ApprovalCaseCommandController, DECISION_ENDPOINT } from '../approval-case-command.http';
import { DecisionReasonDto } from '../deny-request/deny-request.request.dto';
import { RevokeDocumentCommand } from './revoke-document.command';
import { ApprovalCasePath } from '../approval-case-paths';

@ApprovalCaseCommandController('REVOKE')
export class RevokeDocumentHttpController extends CommandHttpController {
  @CommandEndpoint({
    ...DECISION_ENDPOINT,
    path: ':requestId/revoke',
    summary: 'Revokes an issued approval document (R18.5)',
    response: DocumentRevokedDto,
  })
  revoke(@CurrentPrincipal() principal: Principal, @Param() path: ApprovalCasePath, @Body() body: DecisionReasonDto): Promise<{ requestId: string; number: string; status: 'REVOKED' }> {
    return this.commands.execute(new RevokeDocumentCommand(principal, path.requestId, body.reason));
  }
}
