import { Body, Param } from '@nestjs/common';
import { CurrentPrincipal, Principal } from '@custos/auth';
import { EvidenceItemPathDto } from '../../shared/paths.request.dto';
import { HandOverRefusalInterceptor, RecordsHandOverRefusals } from '../../shared/hand-over-refusal.interceptor';
import { EvidenceItemCommandController, OfficerItemCommand } from '../evidence-item-command.http';
import { IntegrityResultDto } from '../evidence-item-commands.response.dto';
import { INTEGRITY_REFUSALS } from '../evidence-item.refusals';
import { AttestationDto } from '../integrity-challenge/integrity-challenge';
import { RecordReceiptCommand } from './record-receipt.command';
import { DecidedCommandHttpController } from '../decided-command.http';

@EvidenceItemCommandController('evidence-items/:evidenceItemId/receipt', HandOverRefusalInterceptor)
@RecordsHandOverRefusals('RECEIPT')
export class RecordReceiptHttpController extends DecidedCommandHttpController {
  @OfficerItemCommand({
    state: IntegrityResultDto,
    summary: 'Receive a handed-over package: custody re-hashes the stored package, you attest your copy (R18.5)',
    refusals: [...INTEGRITY_REFUSALS, 'CUSTOS_R18_5_NOT_HANDED_OVER', 'CUSTOS_R18_5_NOT_A_RECEIVING_OFFICER'],
  })
  async receive(@CurrentPrincipal() principal: Principal, @Param() path: EvidenceItemPathDto, @Body() body: AttestationDto): Promise<IntegrityResultDto> {
    return this.decided(new RecordReceiptCommand(principal, path.evidenceItemId, body));
  }
}
