import type { AppendRequest } from '@custos/eventstore';

export interface ExportRecord {
  readonly exportId: string;
  readonly organisationId: string;
  readonly approvalDocumentNumber: string;
  readonly objectKey: string;
  readonly versionId?: string;
  readonly packageSha256: string;
  readonly packageSizeBytes: number;
  readonly manifestSha256: string;
  readonly segmentIds: readonly string[];
  readonly exportedAt: Date;
}

/** The records of export packages (R18.5), a port the database implements. */
export abstract class ExportRecords {
  /** Writes the record with its event, together or not at all. */
  abstract recordPackaged(record: ExportRecord, event: AppendRequest): Promise<void>;
  abstract find(exportId: string): Promise<ExportRecord | undefined>;
  /** The latest package an owner exported on an approval document, if any. */
  abstract latestForDocument(organisationId: string, approvalDocumentNumber: string): Promise<ExportRecord | undefined>;
  /**
   * Runs `run` while no other export of the document by the owner runs (in any process): two
   * operators pressing "export" together cannot both pass the "already exported" check (R18.5).
   */
  abstract oneExportAtATime<T>(
    organisationId: string,
    approvalDocumentNumber: string,
    run: () => Promise<T>,
  ): Promise<T>;
}
