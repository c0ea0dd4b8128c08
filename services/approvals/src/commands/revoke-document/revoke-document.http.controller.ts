import { CurrentPrincipal, Principal } from '@custos/auth';
import { Body, Controller, Param, ParseUUIDPipe } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RecordsDecisionRefusals } from '../../shared/decision-refusal.interceptor';
import { ApiTags } from '@nestjs/swagger';
import { CommandEndpoint } from '@custos/platform';
import { DECISION_ERRORS, DocumentRevokedDto } from '../decision.response.dto';
import { DecisionReasonDto } from '../deny-request/deny-request.request.dto';
import { RevokeDocumentCommand } from './revoke-document.command';

@ApiTags('approvals')
@Controller('approval-cases')
@RecordsDecisionRefusals('REVOKE')
export class RevokeDocumentHttpController {
  constructor(private readonly commands: CommandBus) {}

  @CommandEndpoint({
    path: ':requestId/revoke',
    status: 200,
    summary: 'Revokes an issued approval document (R18.5)',
    response: DocumentRevokedDto,
    roles: ['APPROVER'],
    refusals: DECISION_ERRORS,
  })
  revoke(
    @CurrentPrincipal() principal: Principal,
    @Param('requestId', new ParseUUIDPipe({ version: '4' })) requestId: string,
    @Body() body: DecisionReasonDto,
  ): Promise<{ requestId: string; number: string; status: 'REVOKED' }> {
    return this.commands.execute(new RevokeDocumentCommand(principal, requestId, body.reason));
  }
}
