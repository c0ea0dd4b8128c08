import { Body, Param } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { EvidenceItemPathDto } from '../../shared/paths.request.dto';
import { EvidenceItemCommandController, OfficerItemCommand } from '../evidence-item-command.http';
import { IntegrityResultDto } from '../evidence-item-commands.response.dto';
import { INTEGRITY_REFUSALS } from '../evidence-item.refusals';
import { VerifyIntegrityCommand } from './verify-integrity.command';
import { VerifyIntegrityRequestDto } from './verify-integrity.request.dto';
import { DecidedCommandHttpController } from '../decided-command.http';

@EvidenceItemCommandController('evidence-items/:evidenceItemId/verifications')
export class VerifyIntegrityHttpController extends DecidedCommandHttpController {
  @OfficerItemCommand({
    created: IntegrityResultDto,
    summary: 'Verify the held package: custody re-hashes the stored package, and your copy when you attest it (R18.5)',
    refusals: [...INTEGRITY_REFUSALS, 'CUSTOS_R18_5_NOT_IN_CUSTODY', 'CUSTOS_R3_1_NOT_THE_HOLDER'],
  })
  async verify(@CurrentPrincipal() principal: Principal, @Param() path: EvidenceItemPathDto, @Body() body: VerifyIntegrityRequestDto): Promise<IntegrityResultDto> {
    const attestation = body.challenge !== undefined && body.response !== undefined ? { challenge: body.challenge, response: body.response } : undefined;
    return this.decided(new VerifyIntegrityCommand(principal, path.evidenceItemId, attestation));
  }
}
