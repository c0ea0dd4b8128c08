import { Body, Controller, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { NoFeeInterceptor } from '../../shared/no-fee.interceptor';
import { RehashRequestDto } from '../../shared/rehash.request.dto';
import { EvidenceItemCommands } from '../evidence-item.context';

@ApiTags('custody')
@ApiBearerAuth()
@Controller('evidence-items/:evidenceItemId/verifications')
@UseInterceptors(NoFeeInterceptor)
export class VerifyIntegrityHttpController {
  constructor(private readonly commands: EvidenceItemCommands) {}

  /** The holder re-hashes the package at any time (R18.5); a mismatch raises the alarm. */
  @Post()
  @Roles('OFFICER')
  @ApiOperation({ summary: 'Verify the held package by re-hashing it (R18.5)' })
  async verify(
    @CurrentPrincipal() principal: Principal,
    @Param('evidenceItemId') evidenceItemId: string,
    @Body() body: RehashRequestDto,
  ): Promise<Record<string, unknown>> {
    const { item, value: match } = await this.commands.decide(principal, evidenceItemId, (item, officer, now) =>
      item.verify(officer.record, body.sha256, now),
    );
    return { evidenceItemId, integrity: match ? 'MATCH' : 'MISMATCH', alarm: !match, status: item.status };
  }
}
