import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { FootageNotHeld } from '@custos/contracts';
import { SignedApprovalDocument } from '@custos/domain';
import { DomainException } from '@custos/platform';
import { AnswerNotHeldCommand } from './answer-not-held.command';
import { AnswerNotHeldHandler } from './answer-not-held.handler';
import { AnswerNotHeldRequestDto } from './answer-not-held.request.dto';

@ApiTags('footage')
@ApiBearerAuth()
@Controller('footage/not-held')
export class AnswerNotHeldHttpController {
  constructor(private readonly handler: AnswerNotHeldHandler) {}

  @Post()
  @Roles('OWNER_OPERATOR')
  @ApiOperation({
    summary: 'Answer an approved copy or retrieval that its footage is not held (R16.7); refused while any is held',
  })
  async answer(@CurrentPrincipal() principal: Principal, @Body() body: AnswerNotHeldRequestDto): Promise<FootageNotHeld> {
    const result = await this.handler.execute(
      new AnswerNotHeldCommand(
        principal,
        body.approval as unknown as SignedApprovalDocument,
        body.requestingOrganisationId,
        body.cameraIds,
      ),
    );
    if (!result.ok) throw new DomainException(result.error);
    return result.value;
  }
}
