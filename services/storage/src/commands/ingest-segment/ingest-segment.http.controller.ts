import { STORAGE_ERRORS } from '../../domain/storage.errors';
import { Controller, HttpCode, Param, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError, Result } from '@custos/domain';
import { AcceptsRawBody, AnswerField, ApiAnswer, orRefuse, refuse } from '@custos/platform';
import { segmentFactsOf, SegmentRecord } from '../../domain/segment-records.port';
import { SegmentDto } from '../../queries/shared/storage.response.dto';
import { IngestSegmentCommand } from './ingest-segment.command';
import { IngestSegmentRequestDto, SegmentIdParams } from './ingest-segment.request.dto';

/** What a segment is and its bytes: the fields a segment and an upload session both answer. */
export const SEGMENT_FIELDS: Record<string, AnswerField> = {
  segmentId: 'string',
  cameraId: 'string',
  from: 'date-time',
  to: 'date-time',
  container: 'string',
  codec: 'string',
  sizeBytes: 'integer',
  sha256: 'string',
};

export const SEGMENT_VIEW_FIELDS: Record<string, AnswerField> = {
  ...SEGMENT_FIELDS,
  organisationId: 'string',
  imageSystemId: 'string',
  retainUntil: 'date-time',
  ingestedAt: 'date-time',
};

/** The JSON answer for a segment. */
export function segmentView(segment: SegmentRecord): SegmentDto {
  return {
    ...segmentFactsOf(segment),
    retainUntil: segment.retainUntil.toISOString(),
    ingestedAt: segment.ingestedAt.toISOString(),
  };
}

const RAW_BODY = /^(application\/octet-stream|video\/[a-z0-9.+-]+)(;|$)/i;

/** Refuses a body that is not raw footage; answers its announced length, if any. */
export function rawFootageLength(request: Request): number | undefined {
  if (!RAW_BODY.test(request.headers['content-type'] ?? '')) {
    refuse(STORAGE_ERRORS.rawFootageRequired());
  }
  const length = request.headers['content-length'];
  return length === undefined ? undefined : Number(length);
}

@ApiTags('footage')
@ApiBearerAuth()
@Controller('footage/segments')
export class IngestSegmentHttpController {
  constructor(private readonly commands: CommandBus) {}

  @Put(':segmentId')
  @HttpCode(201)
  @Roles('OWNER_OPERATOR')
  @ApiOperation({
    summary: 'Upload an original footage segment once (R16.3); a segment that exists is never replaced',
  })
  @ApiConsumes('application/octet-stream')
  @AcceptsRawBody()
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiAnswer(201, SEGMENT_VIEW_FIELDS, 'The segment stored, with its SHA-256 and lock')
  async ingest(
    @CurrentPrincipal() principal: Principal,
    @Param() params: SegmentIdParams,
    @Query() query: IngestSegmentRequestDto,
    @Req() request: Request,
  ): Promise<SegmentDto> {
    const length = rawFootageLength(request);
    const segment = await this.commands.execute<IngestSegmentCommand, Result<SegmentRecord, DomainError>>(
      new IngestSegmentCommand(
        principal,
        params.segmentId,
        query.cameraId,
        new Date(query.from),
        new Date(query.to),
        query.container,
        query.codec,
        request,
        length,
      ),
    );
    return segmentView(orRefuse(segment));
  }
}
