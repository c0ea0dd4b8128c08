import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { CustodyReadModels, EvidenceItemView } from '../../database/custody.read-models';
import { custodyErrors } from '../../domain/custody.errors';
import { refuse } from '../../shared/refusal';
import { EvidenceItemsQueryDto } from './evidence-items.request.dto';

@ApiTags('custody')
@ApiBearerAuth()
@Controller('evidence-items')
@Roles('OFFICER', 'OWNER_OPERATOR', 'OVERSIGHT')
export class EvidenceItemsHttpController {
  constructor(private readonly readModels: CustodyReadModels) {}

  @Get()
  @ApiOperation({ summary: 'Evidence items in whose chain your organisation is, offered to it by a pending transfer, or in your jurisdiction (oversight); by request with ?requestId=' })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: EvidenceItemsQueryDto): Promise<{ items: EvidenceItemView[] }> {
    return { items: await this.readModels.evidenceItems(principal, { requestId: query.requestId }) };
  }

  @Get(':evidenceItemId')
  @ApiOperation({ summary: 'One evidence item: status, holder, package hash, alarm' })
  async get(@CurrentPrincipal() principal: Principal, @Param('evidenceItemId') evidenceItemId: string): Promise<EvidenceItemView> {
    const [item] = await this.readModels.evidenceItems(principal, { evidenceItemId });
    if (!item) refuse(custodyErrors.evidenceItemNotFound(evidenceItemId));
    return item;
  }
}
