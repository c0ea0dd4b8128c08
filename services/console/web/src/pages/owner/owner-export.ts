/**
 * The owner's export as it is written (storage's `POST /footage/exports/with-progress`): NDJSON
 * lines read from a fetch stream, each progress line told as it arrives, then the export.
 * Pure over a `Response`, so a test feeds it a made-up stream.
 */
export interface ExportDone {
  readonly exportId: string;
  readonly approvalDocumentNumber: string;
  readonly packageSha256: string;
  readonly packageSizeBytes: number;
  readonly segmentIds: string[];
  readonly exportedAt: string;
}

/** A refusal before the first line (a coded 4xx), or a failure while written: an Error with `api` as `unwrap` throws it. */
export function exportError(
  status: number,
  body: { code?: string; rule?: string; message?: string | string[] },
): Error {
  return Object.assign(new Error(body.code ?? `HTTP ${status}`), { api: body, status });
}

export async function readExportProgress(
  response: Response,
  onProgress: (bytes: number, totalBytes: number) => void,
): Promise<ExportDone> {
  if (!response.ok || !response.body) {
    const body = await response.json().catch(() => ({}));
    throw exportError(response.status, body as { code?: string });
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffered += value;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (!line) continue;
      const parsed = JSON.parse(line) as {
        type: string;
        bytes?: number;
        totalBytes?: number;
        export?: ExportDone;
        code?: string;
      };
      if (parsed.type === 'progress') onProgress(parsed.bytes ?? 0, parsed.totalBytes ?? 0);
      else if (parsed.type === 'done' && parsed.export) return parsed.export;
      else if (parsed.type === 'failed') throw exportError(500, { code: parsed.code });
    }
    if (done)
      throw exportError(502, { code: 'CUSTOS_STORAGE_EXPORT_FAILED', message: 'the export ended without its result' });
  }
}

/** Bytes as people read them (KB, MB, GB; 1024-based, one decimal). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}
