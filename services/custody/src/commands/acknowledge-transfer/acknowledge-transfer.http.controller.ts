import { Body, Controller, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { NoFeeInterceptor } from '../../shared/no-fee.interceptor';
import { RehashRequestDto } from '../../shared/rehash.request.dto';
import { EvidenceItemCommands } from '../evidence-item.context';

@ApiTags('custody')
@ApiBearerAuth()
@Controller('evidence-items/:evidenceItemId/transfers/:transferId/acknowledgement')
@UseInterceptors(NoFeeInterceptor)
export class AcknowledgeTransferHttpController {
  constructor(private readonly commands: EvidenceItemCommands) {}

  /** The receiver, a qualified officer (R18.2), takes the item and re-hashes it (R18.5). */
  @Post()
  @Roles('OFFICER')
  @ApiOperation({ summary: 'Acknowledge a transfer as its receiver, re-hashing the package (R18.5)' })
  async acknowledge(
    @CurrentPrincipal() principal: Principal,
    @Param('evidenceItemId') evidenceItemId: string,
    @Param('transferId') transferId: string,
    @Body() body: RehashRequestDto,
  ): Promise<Record<string, unknown>> {
    const { item, value: match } = await this.commands.decide(principal, evidenceItemId, (item, officer, now) =>
      item.acknowledgeTransfer(transferId, officer.record, body.sha256, now),
    );
    return { evidenceItemId, transferId, integrity: match ? 'MATCH' : 'MISMATCH', alarm: !match, status: item.status, holderOrganisationId: item.holderOrganisationId };
  }
}
