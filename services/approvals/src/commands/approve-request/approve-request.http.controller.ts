import { CurrentPrincipal, Principal } from '@custos/auth';
import { Body, Controller, Param, ParseUUIDPipe } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { RecordsDecisionRefusals } from '../../shared/decision-refusal.interceptor';
import { ApiTags } from '@nestjs/swagger';
import { CommandEndpoint } from '@custos/platform';
import { DECISION_ERRORS, ApprovalGrantedDto } from '../decision.response.dto';
import { ApproveRequestCommand, ApproveRequestResult } from './approve-request.command';
import { ApproveRequestDto } from './approve-request.request.dto';

@ApiTags('approvals')
@Controller('approval-cases')
@RecordsDecisionRefusals('APPROVE')
export class ApproveRequestHttpController {
  constructor(private readonly commands: CommandBus) {}

  @CommandEndpoint({
    path: ':requestId/approve',
    status: 200,
    summary: 'Approves a request and issues its signed approval document (R17.2, R17.3, R18.5)',
    response: ApprovalGrantedDto,
    roles: ['APPROVER'],
    refusals: DECISION_ERRORS,
  })
  approve(
    @CurrentPrincipal() principal: Principal,
    @Param('requestId', new ParseUUIDPipe({ version: '4' })) requestId: string,
    @Body() body: ApproveRequestDto,
  ): Promise<ApproveRequestResult> {
    return this.commands.execute(new ApproveRequestCommand(principal, requestId, body.validUntil));
  }
}
