import type { Readable } from 'node:stream';
import type { Principal } from '@custos/auth';
import type { NewSegmentUpload } from './upload-sessions';

/** Opens a resumable upload of one segment, its size and SHA-256 declared (R16.3). */
export class OpenUploadSessionCommand {
  constructor(
    readonly principal: Principal,
    readonly upload: NewSegmentUpload,
  ) {}
}

/** The next part of a session's bytes, streamed from the request. */
export class UploadPartCommand {
  constructor(
    readonly principal: Principal,
    readonly sessionId: string,
    readonly part: number,
    readonly body: Readable,
    readonly contentLength?: number,
  ) {}
}

/** Stores the session's bytes as the segment's original, once their SHA-256 is the declared one. */
export class CompleteUploadCommand {
  constructor(
    readonly principal: Principal,
    readonly sessionId: string,
  ) {}
}

/** Discards a session and its parts. */
export class AbortUploadCommand {
  constructor(
    readonly principal: Principal,
    readonly sessionId: string,
  ) {}
}
