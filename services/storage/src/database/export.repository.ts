import { Pool, PoolClient } from 'pg';

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

export class ExportRepository {
  constructor(private readonly pool: Pool) {}

  async insert(record: ExportRecord, tx: PoolClient): Promise<void> {
    await tx.query(
      `INSERT INTO storage_exports (export_id, organisation_id, approval_document_number, object_key, version_id,
         package_sha256, package_size_bytes, manifest_sha256, segment_ids, exported_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
      [
        record.exportId,
        record.organisationId,
        record.approvalDocumentNumber,
        record.objectKey,
        record.versionId ?? null,
        record.packageSha256,
        record.packageSizeBytes,
        record.manifestSha256,
        record.segmentIds,
        record.exportedAt,
      ],
    );
  }

  async find(exportId: string): Promise<ExportRecord | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM storage_exports WHERE export_id = $1', [exportId]);
    return rows[0] ? recordOf(rows[0]) : undefined;
  }

  /** The latest package an owner exported on an approval document, if any. */
  async latestForDocument(organisationId: string, approvalDocumentNumber: string): Promise<ExportRecord | undefined> {
    const { rows } = await this.pool.query(
      'SELECT * FROM storage_exports WHERE organisation_id = $1 AND approval_document_number = $2 ORDER BY exported_at DESC, export_id LIMIT 1',
      [organisationId, approvalDocumentNumber],
    );
    return rows[0] ? recordOf(rows[0]) : undefined;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a pg row of storage_exports
function recordOf(row: Record<string, any>): ExportRecord {
  return {
    exportId: row.export_id,
    organisationId: row.organisation_id,
    approvalDocumentNumber: row.approval_document_number,
    objectKey: row.object_key,
    ...(row.version_id ? { versionId: row.version_id } : {}),
    packageSha256: row.package_sha256,
    packageSizeBytes: Number(row.package_size_bytes),
    manifestSha256: row.manifest_sha256,
    segmentIds: row.segment_ids,
    exportedAt: row.exported_at,
  };
}
