import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError, Result } from '@custos/domain';
import { SegmentRecord } from '../../domain/segment-records.port';
import { FootageStore } from '../../footage-store/footage-store.port';
import { FOOTAGE_STORE } from '../../storage.tokens';
import { IngestSegmentCommand } from './ingest-segment.command';
import { OriginalIngest, sha256Of } from './original-ingest';

/**
 * Ingest of an original segment in one request by its owner (R16.3): the body goes straight
 * from the request to the write-once store while its SHA-256 is computed, so memory does not
 * depend on the segment's size; then the record and the SegmentIngested event are written in
 * one transaction. A segment id that exists is an overwrite: refused and recorded, before a
 * byte is read.
 */
@CommandHandler(IngestSegmentCommand)
export class IngestSegmentHandler implements ICommandHandler<IngestSegmentCommand, Result<SegmentRecord, DomainError>> {
  constructor(
    @Inject(FOOTAGE_STORE) private readonly store: FootageStore,
    private readonly ingests: OriginalIngest,
  ) {}

  async execute(command: IngestSegmentCommand): Promise<Result<SegmentRecord, DomainError>> {
    const { body, contentLength } = command;
    return this.ingests.ingest(command.principal, command, {
      write: (key, options) => this.store.put(key, body, { ...options, expectedSize: contentLength }),
      identity: () => sha256Of(body),
    });
  }
}
