import { Body, Controller, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { assertOfficersOfOrganisation, err } from '@custos/domain';
import { custodyErrors } from '../../domain/custody.errors';
import { NoFeeInterceptor } from '../../shared/no-fee.interceptor';
import { AttestationDto, integrityAnswer } from '../../shared/integrity-challenge';
import { EvidenceItemCommands } from '../evidence-item.context';

@ApiTags('custody')
@ApiBearerAuth()
@Controller('evidence-items/:evidenceItemId/transfers/:transferId/acknowledgement')
@UseInterceptors(NoFeeInterceptor)
export class AcknowledgeTransferHttpController {
  constructor(private readonly commands: EvidenceItemCommands) {}

  /**
   * Officers of the target organ take the item (R18.5), two distinct qualified ones (R18.1,
   * R18.2), each through their own call: custody re-hashes the stored package itself and each
   * officer attests the copy they received by answering a challenge. The first call is
   * recorded as `custody.TransferAttested`; the second, with both officers re-checked at that
   * instant, as `custody.TransferAcknowledged`, which moves custody. A mismatch raises the
   * alarm naming the copy that failed.
   */
  @Post()
  @Roles('OFFICER')
  @ApiOperation({ summary: 'Acknowledge a transfer as its receiver, attesting your copy; custody re-hashes the stored package (R18.5)' })
  async acknowledge(
    @CurrentPrincipal() principal: Principal,
    @Param('evidenceItemId') evidenceItemId: string,
    @Param('transferId') transferId: string,
    @Body() body: AttestationDto,
  ): Promise<Record<string, unknown>> {
    const { item, value: check } = await this.commands.decideOnIntegrity(
      principal,
      evidenceItemId,
      body,
      (item, officer) => item.mayAcknowledgeTransfer(transferId, officer.record),
      async (item, second, now, evidence) => {
        const allowed = item.mayAcknowledgeTransfer(transferId, second.record);
        if (!allowed.ok) return allowed;
        const { first, pending } = allowed.value;
        if (first) {
          const firstOfficer = await this.commands.officers.officer(first.personId, first.credentialNumber);
          if (firstOfficer === undefined) return err(custodyErrors.unknownOfficer(first.personId));
          // Both, as the registry knows them now: of the target organ, distinct, qualified (R18.1, R18.2, R18.5).
          const receivers = assertOfficersOfOrganisation([firstOfficer, second.officer], pending.toOrganisationId, now, { transferId });
          if (!receivers.ok) return receivers;
        }
        return item.acknowledgeTransfer(transferId, second.record, evidence, now);
      },
    );
    const awaiting = item.pendingTransfer?.transferId === transferId;
    return {
      evidenceItemId,
      transferId,
      ...integrityAnswer(check),
      transfer: awaiting ? 'AWAITING_SECOND_OFFICER' : check.match ? 'ACKNOWLEDGED' : 'STOPPED',
      status: item.status,
      holderOrganisationId: item.holderOrganisationId,
    };
  }
}
