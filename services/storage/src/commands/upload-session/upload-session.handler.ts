import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError, Result } from '@custos/domain';
import { SegmentRecord } from '../../domain/segment-records.port';
import { UploadSession } from '../../domain/upload-session-records.port';
import {
  AbortUploadCommand,
  CompleteUploadCommand,
  OpenUploadSessionCommand,
  UploadPartCommand,
} from './upload-session.command';
import { UploadSessions } from './upload-sessions';

/** The steps of a resumable upload (issue 18, R16.3) on the bus; `UploadSessions` holds their rules. */
@CommandHandler(OpenUploadSessionCommand)
export class OpenUploadSessionHandler implements ICommandHandler<
  OpenUploadSessionCommand,
  Result<UploadSession, DomainError>
> {
  constructor(private readonly sessions: UploadSessions) {}

  execute({ principal, upload }: OpenUploadSessionCommand): Promise<Result<UploadSession, DomainError>> {
    return this.sessions.create(principal, upload);
  }
}

@CommandHandler(UploadPartCommand)
export class UploadPartHandler implements ICommandHandler<UploadPartCommand, Result<UploadSession, DomainError>> {
  constructor(private readonly sessions: UploadSessions) {}

  execute({
    principal,
    sessionId,
    part,
    body,
    contentLength,
  }: UploadPartCommand): Promise<Result<UploadSession, DomainError>> {
    return this.sessions.putPart(principal, sessionId, part, body, contentLength);
  }
}

@CommandHandler(CompleteUploadCommand)
export class CompleteUploadHandler implements ICommandHandler<
  CompleteUploadCommand,
  Result<SegmentRecord, DomainError>
> {
  constructor(private readonly sessions: UploadSessions) {}

  execute({ principal, sessionId }: CompleteUploadCommand): Promise<Result<SegmentRecord, DomainError>> {
    return this.sessions.complete(principal, sessionId);
  }
}

@CommandHandler(AbortUploadCommand)
export class AbortUploadHandler implements ICommandHandler<AbortUploadCommand, Result<void, DomainError>> {
  constructor(private readonly sessions: UploadSessions) {}

  execute({ principal, sessionId }: AbortUploadCommand): Promise<Result<void, DomainError>> {
    return this.sessions.abort(principal, sessionId);
  }
}
