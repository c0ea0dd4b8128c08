import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiRefusalCodes, Page, PAGED_INPUT, refuse } from '@custos/platform';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { CustodyViews, EvidenceItemView } from '../custody-views.port';
import { EvidenceItemHistory } from './evidence-item-history.port';
import { custodyErrors } from '../../domain/custody.errors';
import { custodyTimelineSteps } from './evidence-item-timeline';
import { EvidenceItemsQueryDto } from './evidence-items.request.dto';
import { CustodyTimelineDto, EvidenceItemPageDto, EvidenceItemViewDto } from './evidence-items.response.dto';

/** An item the caller may not see is not found for them (R3.1). */
const ITEM_QUERY_REFUSALS = ['CUSTOS_R3_1_EVIDENCE_ITEM_NOT_FOUND'];

@ApiTags('custody')
@ApiBearerAuth()
@Controller('evidence-items')
@Roles('OFFICER', 'OWNER_OPERATOR', 'OVERSIGHT')
export class EvidenceItemsHttpController {
  constructor(
    private readonly readModels: CustodyViews,
    private readonly history: EvidenceItemHistory,
  ) {}

  @Get()
  @ApiOkResponse({ type: EvidenceItemPageDto })
  @ApiRefusalCodes(...PAGED_INPUT)
  @ApiOperation({
    summary: 'Evidence items in whose chain your organisation is, offered to it by a pending transfer, or in your jurisdiction (oversight), newest first; by request with ?requestId=',
  })
  list(@CurrentPrincipal() principal: Principal, @Query() query: EvidenceItemsQueryDto): Promise<Page<EvidenceItemView>> {
    return this.readModels.evidenceItemsPage(principal, { requestId: query.requestId }, query);
  }

  @Get(':evidenceItemId')
  @ApiOkResponse({ type: EvidenceItemViewDto })
  @ApiRefusalCodes(...ITEM_QUERY_REFUSALS)
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
  @ApiRefusalCodes(...ITEM_QUERY_REFUSALS)
  async timeline(@CurrentPrincipal() principal: Principal, @Param('evidenceItemId') evidenceItemId: string): Promise<CustodyTimelineDto> {
    const [item] = await this.readModels.evidenceItems(principal, { evidenceItemId });
    if (!item) refuse(custodyErrors.evidenceItemNotFound(evidenceItemId));
    const [own, refusals] = await Promise.all([
      this.history.eventsOf(evidenceItemId),
      this.history.refusalsOf(evidenceItemId),
    ]);
    return { evidenceItemId, requestId: item.requestId, steps: custodyTimelineSteps([...own, ...refusals]) };
  }
}
