import { ExportManifest, ManifestFile } from './export-manifest';

/** A manifest's header for unit tests of the package writer and verifier. */
export const MANIFEST_HEADER: Omit<ExportManifest, 'files'> = {
  format: 'custos-export/1',
  exportId: 'exp-1',
  exportedAt: '2026-02-20T08:00:00.000Z',
  exportedBy: { subject: 'owner-1', organisationId: 'org-owner' },
  approvalDocumentNumber: '610100-2026-000001',
  approval: { document: {} as never, signature: 'sig', keyId: 'k' },
  scope: { cameraIds: ['cam-1'], window: { from: '2026-02-15T10:00:00.000Z', to: '2026-02-15T12:00:00.000Z' } },
};

/** The manifest entry of one hour of camera cam-1, within the scope of MANIFEST_HEADER. */
export function manifestFileOf(segmentId: string, sizeBytes: number, sha256: string): ManifestFile {
  return {
    path: `footage/cam-1/${segmentId}.mp4`,
    segmentId,
    cameraId: 'cam-1',
    from: '2026-02-15T10:00:00.000Z',
    to: '2026-02-15T11:00:00.000Z',
    withinScope: { from: '2026-02-15T10:00:00.000Z', to: '2026-02-15T11:00:00.000Z' },
    container: 'mp4',
    codec: 'h264',
    sizeBytes,
    sha256,
  };
}
