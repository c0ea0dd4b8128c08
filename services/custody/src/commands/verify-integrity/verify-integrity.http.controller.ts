import { Body, Controller, Param, Post, UseInterceptors } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { Result } from '@custos/domain';
import { ApiRefusalCodes, orRefuse } from '@custos/platform';
import { NoFeeInterceptor } from '../../shared/no-fee.interceptor';
import { IntegrityResultDto } from '../evidence-item-commands.response.dto';
import { INTEGRITY_REFUSALS, ITEM_COMMAND_REFUSALS } from '../evidence-item.refusals';
import { VerifyIntegrityCommand } from './verify-integrity.command';
import { VerifyIntegrityRequestDto } from './verify-integrity.request.dto';

@ApiTags('custody')
@ApiBearerAuth()
@Controller('evidence-items/:evidenceItemId/verifications')
@UseInterceptors(NoFeeInterceptor)
export class VerifyIntegrityHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('OFFICER')
  @ApiCreatedResponse({ type: IntegrityResultDto })
  @ApiRefusalCodes(...ITEM_COMMAND_REFUSALS, ...INTEGRITY_REFUSALS, 'CUSTOS_R18_5_NOT_IN_CUSTODY', 'CUSTOS_R3_1_NOT_THE_HOLDER')
  @ApiOperation({ summary: 'Verify the held package: custody re-hashes the stored package, and your copy when you attest it (R18.5)' })
  async verify(@CurrentPrincipal() principal: Principal, @Param('evidenceItemId') evidenceItemId: string, @Body() body: VerifyIntegrityRequestDto): Promise<IntegrityResultDto> {
    const attestation = body.challenge !== undefined && body.response !== undefined ? { challenge: body.challenge, response: body.response } : undefined;
    return orRefuse(await this.commands.execute<VerifyIntegrityCommand, Result<IntegrityResultDto>>(new VerifyIntegrityCommand(principal, evidenceItemId, attestation)));
  }
}
