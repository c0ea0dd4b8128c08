import { randomUUID } from 'node:crypto';
import { Body, Controller, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { assertTransferTarget } from '../../domain/transfer-target';
import { NoFeeInterceptor } from '../../shared/no-fee.interceptor';
import { EvidenceItemCommands } from '../evidence-item.context';
import { RequestTransferRequestDto } from './request-transfer.request.dto';

@ApiTags('custody')
@ApiBearerAuth()
@Controller('evidence-items/:evidenceItemId/transfers')
@UseInterceptors(NoFeeInterceptor)
export class RequestTransferHttpController {
  constructor(private readonly commands: EvidenceItemCommands) {}

  /**
   * The holder asks to pass an intact item on (R18.5) to an enforcement organ the registry
   * holds (R17.1), naming a receiver of that organ or not. Custody moves only when two
   * qualified officers of the target acknowledge through their own calls (R18.1); a
   * compromised item is refused.
   */
  @Post()
  @Roles('OFFICER')
  @ApiOperation({ summary: 'Request a transfer of custody; the receiver must acknowledge it (R18.5)' })
  async request(
    @CurrentPrincipal() principal: Principal,
    @Param('evidenceItemId') evidenceItemId: string,
    @Body() body: RequestTransferRequestDto,
  ): Promise<Record<string, unknown>> {
    const transferId = randomUUID();
    const { item } = await this.commands.decide(principal, evidenceItemId, async (item, officer, now) => {
      const target = assertTransferTarget(
        body.toOrganisationId,
        await this.commands.officers.organisation(body.toOrganisationId),
        body.toPersonId === undefined ? undefined : { personId: body.toPersonId, officer: await this.commands.officers.officer(body.toPersonId) },
        now,
      );
      if (!target.ok) return target;
      return item.requestTransfer({
        transferId,
        fromOrganisationId: item.holderOrganisationId,
        toOrganisationId: body.toOrganisationId,
        ...(body.toPersonId ? { toPersonId: body.toPersonId } : {}),
        requestedBy: officer.record,
        purpose: body.purpose,
        requestedAt: now.toISOString(),
      });
    });
    return { evidenceItemId, transferId, status: 'AWAITING_ACKNOWLEDGEMENT', holderOrganisationId: item.holderOrganisationId, toOrganisationId: body.toOrganisationId };
  }
}
