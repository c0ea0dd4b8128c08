import { Body, Controller, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
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
   * The receiver, a qualified officer (R18.2), takes the item (R18.5): custody re-hashes the
   * stored package itself and the officer attests the copy they received by answering a
   * challenge; a mismatch raises the alarm naming the copy that failed.
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
      (item, officer, now, evidence) => item.acknowledgeTransfer(transferId, officer.record, evidence, now),
    );
    return { evidenceItemId, transferId, ...integrityAnswer(check), status: item.status, holderOrganisationId: item.holderOrganisationId };
  }
}
