import { Injectable, type Type } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError, Result } from '@custos/domain';
import {
  AbortUploadCommand,
  CompleteUploadCommand,
  OpenUploadSessionCommand,
  UploadPartCommand,
} from './upload-session.command';
import { UploadSessions } from './upload-sessions';

/**
 * A step of a resumable upload on the bus: the handler of `command` hands it to `UploadSessions`,
 * which holds the steps' rules (issue 18, R16.3), and answers its decision.
 */
function uploadStepHandler<C extends object, T>(
  command: Type<C>,
  step: (sessions: UploadSessions, command: C) => Promise<Result<T, DomainError>>,
): Type<ICommandHandler> {
  @Injectable()
  @CommandHandler(command)
  class UploadStepHandler {
    constructor(private readonly sessions: UploadSessions) {}

    execute(received: C): Promise<Result<T, DomainError>> {
      return step(this.sessions, received);
    }
  }
  Object.defineProperty(UploadStepHandler, 'name', { value: `${command.name.replace(/Command$/, '')}Handler` });
  return UploadStepHandler;
}

export const OpenUploadSessionHandler = uploadStepHandler(OpenUploadSessionCommand, (sessions, { principal, upload }) =>
  sessions.create(principal, upload),
);

export const UploadPartHandler = uploadStepHandler(UploadPartCommand, (sessions, c) =>
  sessions.putPart(c.principal, c.sessionId, c.part, c.body, c.contentLength),
);

export const CompleteUploadHandler = uploadStepHandler(CompleteUploadCommand, (sessions, { principal, sessionId }) =>
  sessions.complete(principal, sessionId),
);

export const AbortUploadHandler = uploadStepHandler(AbortUploadCommand, (sessions, { principal, sessionId }) =>
  sessions.abort(principal, sessionId),
);
