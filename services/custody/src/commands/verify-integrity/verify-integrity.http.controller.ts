import { Body, Controller, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiRefusals } from '@custos/platform';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IntegrityResultDto } from '../../shared/evidence-item-commands.response.dto';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { NoFeeInterceptor } from '../../shared/no-fee.interceptor';
import { integrityAnswer } from '../../shared/integrity-challenge';
import { VerifyIntegrityRequestDto } from './verify-integrity.request.dto';
import { EvidenceItemCommands } from '../evidence-item.context';

@ApiTags('custody')
@ApiBearerAuth()
@Controller('evidence-items/:evidenceItemId/verifications')
@UseInterceptors(NoFeeInterceptor)
export class VerifyIntegrityHttpController {
  constructor(private readonly commands: EvidenceItemCommands) {}

  /**
   * The holder has the package checked at any time (R18.5): custody re-hashes the stored
   * package itself; with an attestation (a challenge answered over the officer's copy) their
   * copy is checked too. A mismatch raises the alarm naming the copy that failed.
   */
  @Post()
  @Roles('OFFICER')
  @ApiCreatedResponse({ type: IntegrityResultDto })
  @ApiRefusals(400, 403, 404, 409, 502, 503)
  @ApiOperation({ summary: 'Verify the held package: custody re-hashes the stored package, and your copy when you attest it (R18.5)' })
  async verify(
    @CurrentPrincipal() principal: Principal,
    @Param('evidenceItemId') evidenceItemId: string,
    @Body() body: VerifyIntegrityRequestDto,
  ): Promise<Record<string, unknown>> {
    const attestation = body.challenge !== undefined && body.response !== undefined ? { challenge: body.challenge, response: body.response } : undefined;
    const { item, value: check } = await this.commands.decideOnIntegrity(
      principal,
      evidenceItemId,
      attestation,
      (item, officer) => item.mayVerify(officer.record),
      (item, officer, now, evidence) => item.verify(officer.record, evidence, now),
    );
    return { evidenceItemId, ...integrityAnswer(check), status: item.status };
  }
}
