import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DecisionRefusalInterceptor, RecordsDecisionRefusals } from '../../shared/decision-refusal.interceptor';
import { ApiBearerAuth, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { ApiCodedErrors } from '@custos/platform';
import { DECISION_ERRORS, DocumentRevokedDto } from '../decision.response.dto';
import { DecisionReasonDto } from '../deny-request/deny-request.request.dto';
import { RevokeDocumentCommand } from './revoke-document.command';

@ApiTags('approvals')
@ApiBearerAuth()
@Controller('approval-cases')
@RecordsDecisionRefusals('REVOKE')
@UseInterceptors(DecisionRefusalInterceptor)
export class RevokeDocumentHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Roles('APPROVER')
  @Post(':requestId/revoke')
  @HttpCode(200)
  @ApiOkResponse({ type: DocumentRevokedDto })
  @ApiCodedErrors(DECISION_ERRORS)
  @ApiOperation({ summary: 'Revokes an issued approval document (R18.5)' })
  revoke(
    @CurrentPrincipal() principal: Principal,
    @Param('requestId', new ParseUUIDPipe({ version: '4' })) requestId: string,
    @Body() body: DecisionReasonDto,
  ): Promise<{ requestId: string; number: string; status: 'REVOKED' }> {
    return this.commands.execute(new RevokeDocumentCommand(principal, requestId, body.reason));
  }
}
