import { Controller, Get, Param, Query } from '@nestjs/common';
import { evidenceItemAggregateId, handOverRefusalsAggregateId } from '@custos/contracts';
import { ApiRefusals } from '@custos/platform';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { CustodyReadModels, EvidenceItemView } from '../../database/custody.read-models';
import { EvidenceItemRepository } from '../../database/evidence-item.repository';
import { custodyErrors } from '../../domain/custody.errors';
import { refuse } from '../../shared/refusal';
import { custodyTimelineSteps } from './evidence-item-timeline';
import { EvidenceItemsQueryDto } from './evidence-items.request.dto';
import { CustodyTimelineDto, EvidenceItemListDto, EvidenceItemViewDto } from './evidence-items.response.dto';

@ApiTags('custody')
@ApiBearerAuth()
@Controller('evidence-items')
@Roles('OFFICER', 'OWNER_OPERATOR', 'OVERSIGHT')
export class EvidenceItemsHttpController {
  constructor(
    private readonly readModels: CustodyReadModels,
    private readonly items: EvidenceItemRepository,
  ) {}

  @Get()
  @ApiOkResponse({ type: EvidenceItemListDto })
  @ApiRefusals(400, 403)
  @ApiOperation({ summary: 'Evidence items in whose chain your organisation is, offered to it by a pending transfer, or in your jurisdiction (oversight); by request with ?requestId=' })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: EvidenceItemsQueryDto): Promise<{ items: EvidenceItemView[] }> {
    return { items: await this.readModels.evidenceItems(principal, { requestId: query.requestId }) };
  }

  @Get(':evidenceItemId')
  @ApiOkResponse({ type: EvidenceItemViewDto })
  @ApiRefusals(403, 404)
  @ApiOperation({ summary: 'One evidence item: status, holder, package hash, alarm' })
  async get(@CurrentPrincipal() principal: Principal, @Param('evidenceItemId') evidenceItemId: string): Promise<EvidenceItemView> {
    const [item] = await this.readModels.evidenceItems(principal, { evidenceItemId });
    if (!item) refuse(custodyErrors.evidenceItemNotFound(evidenceItemId));
    return item;
  }

  /**
   * The package's chain of custody, read from the item's events and its refusals' (R16.6,
   * R18.5): exported, handed over to whom, received and verified with what result, transferred,
   * delivered, refused. Visible to whoever sees the item.
   */
  @Get(':evidenceItemId/timeline')
  @ApiOperation({ summary: "A package's chain of custody, step by step, with who acted and the integrity results (R16.6, R18.5)" })
  @ApiOkResponse({ type: CustodyTimelineDto })
  @ApiRefusals(403, 404)
  async timeline(@CurrentPrincipal() principal: Principal, @Param('evidenceItemId') evidenceItemId: string): Promise<CustodyTimelineDto> {
    const [item] = await this.readModels.evidenceItems(principal, { evidenceItemId });
    if (!item) refuse(custodyErrors.evidenceItemNotFound(evidenceItemId));
    const [own, refusals] = await Promise.all([
      this.items.store.readStream(evidenceItemAggregateId(evidenceItemId)),
      this.items.store.readStream(handOverRefusalsAggregateId(evidenceItemId)),
    ]);
    return { evidenceItemId, requestId: item.requestId, steps: custodyTimelineSteps([...own, ...refusals]) };
  }
}
