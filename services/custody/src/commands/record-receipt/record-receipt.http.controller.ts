import { Body, Controller, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { HandOverRefusalInterceptor, RecordsHandOverRefusals } from '../../shared/hand-over-refusal.interceptor';
import { NoFeeInterceptor } from '../../shared/no-fee.interceptor';
import { RehashRequestDto } from '../../shared/rehash.request.dto';
import { EvidenceItemCommands } from '../evidence-item.context';

@ApiTags('custody')
@ApiBearerAuth()
@Controller('evidence-items/:evidenceItemId/receipt')
@RecordsHandOverRefusals('RECEIPT')
@UseInterceptors(HandOverRefusalInterceptor, NoFeeInterceptor)
export class RecordReceiptHttpController {
  constructor(private readonly commands: EvidenceItemCommands) {}

  /**
   * An officer of the receiving organ takes the handed-over package into custody, re-hashing
   * it (R18.5): a match puts it in custody; a mismatch is recorded with the alarm
   * `custody.IntegrityMismatchDetected`, and the item moves no further.
   */
  @Post()
  @Roles('OFFICER')
  @ApiOperation({ summary: 'Receive a handed-over package, re-hashing it (R18.5)' })
  async receive(
    @CurrentPrincipal() principal: Principal,
    @Param('evidenceItemId') evidenceItemId: string,
    @Body() body: RehashRequestDto,
  ): Promise<Record<string, unknown>> {
    const { item, value: match } = await this.commands.decide(principal, evidenceItemId, (item, officer, now) =>
      item.receive(officer.record, body.sha256, now),
    );
    return { evidenceItemId, integrity: match ? 'MATCH' : 'MISMATCH', alarm: !match, status: item.status, holderOrganisationId: item.holderOrganisationId };
  }
}
