import { CurrentPrincipal, Principal } from '@custos/auth';
import { Body } from '@nestjs/common';
import { CommandEndpoint, CommandHttpController, UuidParam } from '@custos/platform';
import { DocumentRevokedDto } from '../decision.response.dto';
import { ApprovalCaseCommandController, DECISION_ENDPOINT } from '../approval-case-command.http';
import { DecisionReasonDto } from '../deny-request/deny-request.request.dto';
import { RevokeDocumentCommand } from './revoke-document.command';

@ApprovalCaseCommandController('REVOKE')
export class RevokeDocumentHttpController extends CommandHttpController {
  @CommandEndpoint({
    ...DECISION_ENDPOINT,
    path: ':requestId/revoke',
    summary: 'Revokes an issued approval document (R18.5)',
    response: DocumentRevokedDto,
  })
  revoke(
    @CurrentPrincipal() principal: Principal,
    @UuidParam('requestId') requestId: string,
    @Body() body: DecisionReasonDto,
  ): Promise<{ requestId: string; number: string; status: 'REVOKED' }> {
    return this.commands.execute(new RevokeDocumentCommand(principal, requestId, body.reason));
  }
}
