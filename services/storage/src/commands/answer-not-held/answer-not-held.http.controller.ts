import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { FootageNotHeld } from '@custos/contracts';
import { DomainError, presentedApprovalDocument, Result } from '@custos/domain';
import { ApiRefusalCodes, orRefuse } from '@custos/platform';
import { APPROVED_SCOPE_REFUSALS } from '../approved-scope.refusals';
import { FootageNotHeldDto } from '../../queries/shared/storage.response.dto';
import { CommandBus } from '@nestjs/cqrs';
import { AnswerNotHeldCommand } from './answer-not-held.command';
import { AnswerNotHeldRequestDto } from './answer-not-held.request.dto';

@ApiTags('footage')
@ApiBearerAuth()
@Controller('footage/not-held')
export class AnswerNotHeldHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('OWNER_OPERATOR')
  @ApiOperation({
    summary: 'Answer an approved copy or retrieval that its footage is not held (R16.7); refused while any is held',
  })
  @ApiCreatedResponse({ type: FootageNotHeldDto, description: "The answer, kept for the requesting organ's officers" })
  @ApiRefusalCodes(...APPROVED_SCOPE_REFUSALS, 'CUSTOS_R18_5_REQUESTING_ORGAN_MISMATCH', 'CUSTOS_R16_7_FOOTAGE_HELD')
  async answer(
    @CurrentPrincipal() principal: Principal,
    @Body() body: AnswerNotHeldRequestDto,
  ): Promise<FootageNotHeld> {
    const answer = await this.commands.execute<AnswerNotHeldCommand, Result<FootageNotHeld, DomainError>>(
      new AnswerNotHeldCommand(
        principal,
        presentedApprovalDocument(body.approval),
        body.requestingOrganisationId,
        body.cameraIds,
      ),
    );
    return orRefuse(answer);
  }
}
