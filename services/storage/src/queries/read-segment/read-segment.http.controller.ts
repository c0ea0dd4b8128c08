import { Controller, Get, Headers, Inject, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { CurrentPrincipal, hasAnyRole, Principal, Roles, SERVICE_SCOPES, ServiceScopes } from '@custos/auth';
import { ApiBinaryOk, contentRangeOf, parseByteRange, refuse } from '@custos/platform';
import { SegmentIdParams } from '../../commands/ingest-segment/ingest-segment.request.dto';
import { SegmentRecords } from '../../domain/segment-records.port';
import { STORAGE_ERRORS } from '../../domain/storage.errors';
import { FootageStore } from '../../footage-store/footage-store.port';
import { FOOTAGE_STORE } from '../../storage.tokens';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  mkv: 'video/x-matroska',
  ts: 'video/mp2t',
  avi: 'video/x-msvideo',
};

/** The media type a browser needs to play a segment of this container. */
export function contentTypeOf(container: string): string {
  return CONTENT_TYPES[container] ?? 'application/octet-stream';
}

/**
 * A segment's bytes, whole or one HTTP range (206), streamed from the store as written. For
 * custody (role SERVICE), which plays footage to the officers of a viewing session
 * (R18.1–R18.3), and for the owner's own operators. Ranges let a browser seek without the
 * whole file passing through; custody decides who may play and how much per request.
 */
@ApiTags('footage')
@ApiBearerAuth()
@Controller('footage/segments')
export class ReadSegmentHttpController {
  constructor(
    private readonly segments: SegmentRecords,
    @Inject(FOOTAGE_STORE) private readonly store: FootageStore,
  ) {}

  @Get(':segmentId/content')
  @Roles('SERVICE', 'OWNER_OPERATOR')
  // Of the services, custody alone reads segment ranges (it plays them in viewing sessions).
  @ServiceScopes(SERVICE_SCOPES.segmentsRead)
  @ApiProduces('video/mp4', 'application/octet-stream')
  @ApiHeader({
    name: 'range',
    required: false,
    description: 'One range `bytes=a-b`, `bytes=a-` or `bytes=-n`: answered 206',
  })
  @ApiBinaryOk('The whole segment (a range answers 206)', 'video/mp4', 'application/octet-stream')
  @ApiOperation({ summary: "A segment's bytes, whole (200) or one range (206); services, or the owner's operators" })
  async read(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SegmentIdParams,
    @Headers('range') rangeHeader: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const segment = await this.segments.find(params.segmentId);
    // An operator reads their own organisation's segments only; another's answers as unknown (R3.1).
    if (!segment || (!hasAnyRole(principal, ['SERVICE']) && segment.organisationId !== principal.organisationId)) {
      refuse(STORAGE_ERRORS.segmentNotFound(params.segmentId));
    }
    const ref = { key: segment.objectKey, versionId: segment.versionId };
    const total = segment.sizeBytes;
    const asked = parseByteRange(rangeHeader, total);
    const common = {
      'content-type': contentTypeOf(segment.container),
      'accept-ranges': 'bytes',
      'x-custos-segment-sha256': segment.sha256,
    };
    if (asked.kind === 'unsatisfiable' || asked.kind === 'malformed') {
      response.set('content-range', `bytes */${total}`);
      refuse(STORAGE_ERRORS.rangeNotSatisfiable(rangeHeader, total));
    }
    if (asked.kind === 'absent') {
      const body = await this.store.read(ref);
      response.status(200).set({ ...common, 'content-length': String(total) });
      await pipeline(body, response);
      return;
    }
    const body = await this.store.readRange(ref, asked);
    response.status(206).set({
      ...common,
      'content-length': String(asked.end - asked.start + 1),
      'content-range': contentRangeOf(asked, total),
    });
    await pipeline(body, response);
  }
}
