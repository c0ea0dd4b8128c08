import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { ApiRefusalCodes, Page, PAGED_INPUT, pageOfSorted, SIGNED_IN_REFUSALS } from '@custos/platform';
import { SegmentRecords } from '../../domain/segment-records.port';
import { segmentView } from '../../commands/ingest-segment/ingest-segment.http.controller';
import { FindSegmentsRequestDto } from './find-segments.request.dto';
import { SegmentDto } from '../shared/storage.response.dto';
import { SEGMENT_KEY, SegmentPageDto } from './segment-list.response.dto';
import { windowOf } from './time-window.request.dto';

@ApiTags('footage')
@ApiBearerAuth()
@Controller('footage/segments')
export class FindSegmentsHttpController {
  constructor(private readonly segments: SegmentRecords) {}

  @Get()
  @Roles('OWNER_OPERATOR')
  @ApiOperation({ summary: "Segments of one of your organisation's cameras overlapping a time window [from, to), by start" })
  @ApiOkResponse({ type: SegmentPageDto })
  @ApiRefusalCodes(...PAGED_INPUT, 'CUSTOS_INPUT_WINDOW_EMPTY', ...SIGNED_IN_REFUSALS)
  async find(
    @CurrentPrincipal() principal: Principal,
    @Query() query: FindSegmentsRequestDto,
  ): Promise<Page<SegmentDto>> {
    const { from, to } = windowOf(query);
    // Only the caller's own organisation's segments are ever listed (R3.1).
    const found = await this.segments.overlapping(principal.organisationId, [query.cameraId], from, to);
    return pageOfSorted(found.map(segmentView), query, SEGMENT_KEY, ['date-time', 'string', 'string']);
  }
}
