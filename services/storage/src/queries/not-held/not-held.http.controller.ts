import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { ApiRefusalCodes } from '@custos/platform';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { NotHeldAnswers } from '../../domain/not-held-answers.port';
import { NotHeldAnswersDto } from '../shared/storage.response.dto';

export class NotHeldQueryDto {
  @IsString() @MinLength(1) @MaxLength(200) requestId!: string;
}

@ApiTags('footage')
@ApiBearerAuth()
@Controller('footage/not-held')
export class NotHeldHttpController {
  constructor(private readonly answers: NotHeldAnswers) {}

  /** The "not held" answers to a request (R16.7): for the requesting organ's officers, and the owner that gave them. */
  @Get()
  @Roles('OFFICER', 'OWNER_OPERATOR')
  @ApiOperation({ summary: 'The owners\' "not held" answers to one of your requests (R16.7)' })
  @ApiOkResponse({ type: NotHeldAnswersDto })
  @ApiRefusalCodes('CUSTOS_VALIDATION_FAILED')
  async list(@CurrentPrincipal() principal: Principal, @Query() query: NotHeldQueryDto): Promise<NotHeldAnswersDto> {
    return { answers: await this.answers.forRequest(query.requestId, principal.organisationId) };
  }
}
