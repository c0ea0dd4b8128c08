import { withClient, type AppendRequest } from '@custos/eventstore';
import { ExportRecord, ExportRecords } from '../domain/export-records.port';
import { RecordedWrites } from './recorded-writes';

export type { ExportRecord } from '../domain/export-records.port';

export class ExportRepository extends RecordedWrites implements ExportRecords {
  async recordPackaged(record: ExportRecord, event: AppendRequest): Promise<void> {
    await this.writeWithEvent(event, (tx) =>
      tx.query(
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
      ),
    );
  }

  /** A session advisory lock, held on its own connection while the package streams. */
  async oneExportAtATime<T>(organisationId: string, approvalDocumentNumber: string, run: () => Promise<T>): Promise<T> {
    const key = `custos.storage.export:${organisationId}:${approvalDocumentNumber}`;
    return withClient(this.pool, async (lock) => {
      await lock.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
      try {
        return await run();
      } finally {
        await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
      }
    });
  }

  async find(exportId: string): Promise<ExportRecord | undefined> {
    const { rows } = await this.pool.query('SELECT * FROM storage_exports WHERE export_id = $1', [exportId]);
    return rows[0] ? recordOf(rows[0]) : undefined;
  }

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
