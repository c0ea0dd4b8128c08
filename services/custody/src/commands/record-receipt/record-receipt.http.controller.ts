import { Body, Controller, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiRefusals } from '@custos/platform';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IntegrityResultDto } from '../../shared/evidence-item-commands.response.dto';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { HandOverRefusalInterceptor, RecordsHandOverRefusals } from '../../shared/hand-over-refusal.interceptor';
import { NoFeeInterceptor } from '../../shared/no-fee.interceptor';
import { AttestationDto, integrityAnswer } from '../../shared/integrity-challenge';
import { EvidenceItemCommands } from '../evidence-item.context';

@ApiTags('custody')
@ApiBearerAuth()
@Controller('evidence-items/:evidenceItemId/receipt')
@RecordsHandOverRefusals('RECEIPT')
@UseInterceptors(HandOverRefusalInterceptor, NoFeeInterceptor)
export class RecordReceiptHttpController {
  constructor(private readonly commands: EvidenceItemCommands) {}

  /**
   * An officer of the receiving organ takes the handed-over package into custody (R18.5):
   * custody re-hashes the stored package itself, and the officer attests the copy they hold by
   * answering a challenge. Both matching puts it in custody; a mismatch is recorded with the
   * alarm `custody.IntegrityMismatchDetected` naming the copy that failed, and the item moves
   * no further.
   */
  @Post()
  @Roles('OFFICER')
  @ApiCreatedResponse({ type: IntegrityResultDto })
  @ApiRefusals(400, 403, 404, 409, 502, 503)
  @ApiOperation({ summary: 'Receive a handed-over package: custody re-hashes the stored package, you attest your copy (R18.5)' })
  async receive(
    @CurrentPrincipal() principal: Principal,
    @Param('evidenceItemId') evidenceItemId: string,
    @Body() body: AttestationDto,
  ): Promise<Record<string, unknown>> {
    const { item, value: check } = await this.commands.decideOnIntegrity(
      principal,
      evidenceItemId,
      body,
      (item, officer) => item.mayReceive(officer.record),
      (item, officer, now, evidence) => item.receive(officer.record, evidence, now),
    );
    return { evidenceItemId, ...integrityAnswer(check), status: item.status, holderOrganisationId: item.holderOrganisationId };
  }
}
