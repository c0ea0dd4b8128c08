import { Body, Controller, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { NoFeeInterceptor } from '../../shared/no-fee.interceptor';
import { EvidenceItemCommands } from '../evidence-item.context';
import { RecordViewRequestDto } from './record-view.request.dto';

@ApiTags('custody')
@ApiBearerAuth()
@Controller('evidence-items/:evidenceItemId/views')
@UseInterceptors(NoFeeInterceptor)
export class RecordViewHttpController {
  constructor(private readonly commands: EvidenceItemCommands) {}

  /** A qualified officer of the holder views the package: registered before access (R16.6, R18.3). */
  @Post()
  @Roles('OFFICER')
  @ApiOperation({ summary: 'Register a view of a held package (R16.6)' })
  async view(
    @CurrentPrincipal() principal: Principal,
    @Param('evidenceItemId') evidenceItemId: string,
    @Body() body: RecordViewRequestDto,
  ): Promise<Record<string, unknown>> {
    const { item } = await this.commands.decide(principal, evidenceItemId, (item, officer, now) =>
      item.view({
        organisationId: officer.record.organisationId,
        divisionCode: principal.divisionCode,
        officers: [officer.record],
        purpose: body.purpose,
        viewedAt: now.toISOString(),
      }),
    );
    return { evidenceItemId, registered: true, holderOrganisationId: item.holderOrganisationId };
  }
}
