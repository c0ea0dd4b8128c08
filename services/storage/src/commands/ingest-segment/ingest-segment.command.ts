import type { Readable } from 'node:stream';
import type { Principal } from '@custos/auth';

export class IngestSegmentCommand {
  constructor(
    readonly principal: Principal,
    readonly segmentId: string,
    readonly cameraId: string,
    readonly from: Date,
    readonly to: Date,
    readonly container: string,
    readonly codec: string,
    /** The request body, streamed straight to the store. */
    readonly body: Readable,
    readonly contentLength?: number,
  ) {}
}
