import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, SERVICE_SCOPES, ServiceScopes } from '@custos/auth';
import { ApiCodedErrors } from '@custos/platform';
import { SegmentRecords } from '../../domain/segment-records.port';
import { segmentView } from '../../commands/ingest-segment/ingest-segment.http.controller';
import { contentTypeOf } from '../read-segment/read-segment.http.controller';
import { ServiceSegmentsDto } from '../shared/storage.response.dto';
import { FindSegmentsForServiceRequestDto } from './find-segments-for-service.request.dto';
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
  @ApiOkResponse({ type: ServiceSegmentsDto })
  @ApiCodedErrors({ 400: ['CUSTOS_VALIDATION_FAILED', 'CUSTOS_INPUT_WINDOW_EMPTY'] })
  async find(@Query() query: FindSegmentsForServiceRequestDto): Promise<ServiceSegmentsDto> {
    const { from, to } = windowOf(query);
    const found = await this.segments.covering(query.cameraIds, from, to, query.organisationId);
    return {
      segments: found.map((segment) => ({ ...segmentView(segment), contentType: contentTypeOf(segment.container) })),
    };
  }
}
