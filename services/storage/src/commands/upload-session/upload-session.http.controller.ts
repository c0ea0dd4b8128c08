import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal, Principal, Roles } from '@custos/auth';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError, Result } from '@custos/domain';
import { AcceptsRawBody, AnswerField, ApiAnswer, ApiRefusalCodes, orRefuse, SIGNED_IN_REFUSALS } from '@custos/platform';
import { SegmentRecord } from '../../domain/segment-records.port';
import { UploadSession } from '../../domain/upload-session-records.port';
import { SegmentDto } from '../../queries/shared/storage.response.dto';
import {
  rawFootageLength,
  SEGMENT_FIELDS,
  SEGMENT_VIEW_FIELDS,
  segmentView,
} from '../ingest-segment/ingest-segment.http.controller';
import {
  AbortUploadCommand,
  CompleteUploadCommand,
  OpenUploadSessionCommand,
  UploadPartCommand,
} from './upload-session.command';
import { nextPartOf, UploadSessions } from './upload-sessions';
import { CreateUploadSessionRequestDto, UploadPartParams, UploadSessionParams } from './upload-session.request.dto';

const SESSION_FIELDS: Record<string, AnswerField> = {
  sessionId: 'uuid',
  ...SEGMENT_FIELDS,
  partSizeBytes: 'integer',
  receivedBytes: 'integer',
  nextPart: 'integer',
  expiresAt: 'date-time',
};

/** The session as the client resumes it: the bytes held (`receivedBytes`) and the part expected next. */
function sessionView(session: UploadSession): Record<string, unknown> {
  return {
    sessionId: session.sessionId,
    segmentId: session.segmentId,
    cameraId: session.cameraId,
    from: session.from.toISOString(),
    to: session.to.toISOString(),
    container: session.container,
    codec: session.codec,
    sizeBytes: session.sizeBytes,
    sha256: session.sha256,
    partSizeBytes: session.partSize,
    receivedBytes: session.receivedBytes,
    nextPart: nextPartOf(session),
    expiresAt: session.expiresAt.toISOString(),
  };
}

const SIGNED_IN = [...SIGNED_IN_REFUSALS, 'CUSTOS_AUTH_WRONG_ORGANISATION'];
const SESSION_GONE = 'CUSTOS_R16_3_UPLOAD_SESSION_NOT_FOUND';
const EXPIRED = 'CUSTOS_R16_3_UPLOAD_SESSION_EXPIRED';
/** The refusals of any step on an open session. */
const SESSION_STEP = ['CUSTOS_VALIDATION_FAILED', ...SIGNED_IN, SESSION_GONE, EXPIRED];
const BUSY = 'CUSTOS_R16_3_UPLOAD_PART_BUSY';
/** Sending a part, and completing: each refused as any step, and for its own reasons. */
const PART_REFUSALS = [
  ...SESSION_STEP, 'CUSTOS_R16_3_UPLOAD_INCOMPLETE', 'CUSTOS_R16_3_UPLOAD_PART_OUT_OF_ORDER', BUSY, 'CUSTOS_INPUT_RAW_FOOTAGE_REQUIRED',
];
const COMPLETE_REFUSALS = [
  ...SESSION_STEP, 'CUSTOS_R16_3_UPLOAD_HASH_MISMATCH', 'CUSTOS_R16_3_UPLOAD_NOT_COMPLETE', BUSY, 'CUSTOS_R16_3_ORIGINAL_IMMUTABLE',
];

/**
 * Resumable upload of an original segment (issue 18, R16.3): open a session with the
 * segment's size and SHA-256, send its parts in order (ask the session where it stands after
 * a broken connection or a reload), complete (the hash checked, then the segment stored and
 * locked exactly as a single upload), or abort. Owners' operators of the camera's organisation only.
 */
@ApiTags('footage')
@ApiBearerAuth()
@Controller('footage/uploads')
export class UploadSessionHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly sessions: UploadSessions,
  ) {}

  @Post()
  @Roles('OWNER_OPERATOR')
  @ApiOperation({ summary: 'Open a resumable upload of one segment, its size and SHA-256 declared (R16.3)' })
  @ApiAnswer(201, SESSION_FIELDS, 'The session opened: send part 1')
  @ApiRefusalCodes(
    'CUSTOS_VALIDATION_FAILED', 'CUSTOS_INPUT_WINDOW_EMPTY', ...SIGNED_IN, 'CUSTOS_R3_1_UNKNOWN_CAMERA',
    'CUSTOS_R16_3_ORIGINAL_IMMUTABLE', 'CUSTOS_R16_3_UPLOAD_SESSION_OPEN',
  )
  async create(
    @CurrentPrincipal() principal: Principal,
    @Body() body: CreateUploadSessionRequestDto,
  ): Promise<Record<string, unknown>> {
    const upload = { ...body, from: new Date(body.from), to: new Date(body.to) };
    return sessionView(await this.decide<UploadSession>(new OpenUploadSessionCommand(principal, upload)));
  }

  @Get(':sessionId')
  @Roles('OWNER_OPERATOR')
  @ApiOperation({ summary: 'Where an upload stands: the bytes held and the part expected next, to resume from' })
  @ApiAnswer(200, SESSION_FIELDS, 'The session')
  @ApiRefusalCodes(...SESSION_STEP)
  async status(
    @CurrentPrincipal() principal: Principal,
    @Param() params: UploadSessionParams,
  ): Promise<Record<string, unknown>> {
    return sessionView(orRefuse(await this.sessions.status(principal, params.sessionId)));
  }

  @Put(':sessionId/parts/:part')
  @Roles('OWNER_OPERATOR')
  @ApiOperation({
    summary:
      'Send the next part: partSizeBytes bytes (the last one the rest); a part out of order or of another length changes nothing',
  })
  @ApiConsumes('application/octet-stream')
  @AcceptsRawBody()
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiAnswer(200, SESSION_FIELDS, 'The part is held: the session as it now stands')
  @ApiRefusalCodes(...PART_REFUSALS)
  async putPart(
    @CurrentPrincipal() principal: Principal,
    @Param() params: UploadPartParams,
    @Req() request: Request,
  ): Promise<Record<string, unknown>> {
    const length = rawFootageLength(request);
    return sessionView(await this.decide<UploadSession>(new UploadPartCommand(principal, params.sessionId, params.part, request, length)));
  }

  @Post(':sessionId/complete')
  @HttpCode(201)
  @Roles('OWNER_OPERATOR')
  @ApiOperation({
    summary:
      'Store the segment: its SHA-256 checked against the declared one, then written once and locked as a single upload (R16.3, R16.7)',
  })
  @ApiAnswer(201, SEGMENT_VIEW_FIELDS, 'The segment stored, with its SHA-256 and lock')
  @ApiRefusalCodes(...COMPLETE_REFUSALS)
  async complete(@CurrentPrincipal() principal: Principal, @Param() params: UploadSessionParams): Promise<SegmentDto> {
    return segmentView(await this.decide<SegmentRecord>(new CompleteUploadCommand(principal, params.sessionId)));
  }

  @Delete(':sessionId')
  @HttpCode(204)
  @Roles('OWNER_OPERATOR')
  @ApiOperation({ summary: 'Abort an upload: its parts are discarded, nothing is stored' })
  @ApiNoContentResponse({ description: 'Aborted' })
  @ApiRefusalCodes('CUSTOS_VALIDATION_FAILED', ...SIGNED_IN, SESSION_GONE)
  async abort(@CurrentPrincipal() principal: Principal, @Param() params: UploadSessionParams): Promise<void> {
    await this.decide<void>(new AbortUploadCommand(principal, params.sessionId));
  }

  /** Sends an upload step on the bus and answers its value, or refuses with its error. */
  private async decide<T>(command: object): Promise<T> {
    return orRefuse(await this.commands.execute<object, Result<T, DomainError>>(command));
  }
}
