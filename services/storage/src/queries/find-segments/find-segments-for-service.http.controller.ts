import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, SERVICE_SCOPES, ServiceScopes } from '@custos/auth';
import { ApiRefusalCodes, Page, PAGED_INPUT, pageOfSorted, SIGNED_IN_REFUSALS } from '@custos/platform';
import { SegmentRecords } from '../../domain/segment-records.port';
import { segmentView } from '../../commands/ingest-segment/ingest-segment.http.controller';
import { contentTypeOf } from '../read-segment/read-segment.http.controller';
import { FindSegmentsForServiceRequestDto } from './find-segments-for-service.request.dto';
import { ServiceSegmentDto } from '../shared/storage.response.dto';
import { SEGMENT_KEY, ServiceSegmentPageDto } from './segment-list.response.dto';
import { windowOf } from './time-window.request.dto';

/**
 * Segment queries for another Custos service (role SERVICE): custody lists the segments of a
 * co-signed view's cameras and window to play them in a viewing session (R18.1–R18.3). Owners
 * use `GET /footage/segments`, narrowed to their own organisation.
 */
@ApiTags('footage')
@ApiBearerAuth()
@Controller('footage/service/segments')
export class FindSegmentsForServiceHttpController {
  constructor(private readonly segments: SegmentRecords) {}

  @Get()
  @Roles('SERVICE')
  @ServiceScopes(SERVICE_SCOPES.segmentsRead)
  @ApiOperation({
    summary:
      'Segments of the given cameras (of one owner, when named) overlapping a time window [from, to); services only',
  })
  @ApiOkResponse({ type: ServiceSegmentPageDto })
  @ApiRefusalCodes(...PAGED_INPUT, 'CUSTOS_INPUT_WINDOW_EMPTY', ...SIGNED_IN_REFUSALS, 'CUSTOS_AUTH_SCOPE_REQUIRED')
  async find(@Query() query: FindSegmentsForServiceRequestDto): Promise<Page<ServiceSegmentDto>> {
    const { from, to } = windowOf(query);
    const found = await this.segments.covering(query.cameraIds, from, to, query.organisationId);
    const views = found.map((segment) => ({ ...segmentView(segment), contentType: contentTypeOf(segment.container) }));
    return pageOfSorted(views, query, SEGMENT_KEY, ['date-time', 'string', 'string']);
  }
}
