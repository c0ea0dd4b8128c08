import { describe, expect, it } from 'vitest';
import { formatBytes, readExportProgress } from './owner-export';

/** A response whose body arrives in the given chunks, as a fetch stream does. */
function streamed(chunks: string[], init: ResponseInit = { status: 200 }): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Response(body, init);
}

const DONE = {
  exportId: 'e-1',
  approvalDocumentNumber: '610113-001-2026-000042',
  packageSha256: 'ab'.repeat(32),
  packageSizeBytes: 2048,
  segmentIds: ['s1'],
  exportedAt: '2026-12-05T01:00:00.000Z',
};

describe('the export with progress, read in the browser (R18.5)', () => {
  it('tells every progress line as it arrives, even split across chunks, then answers the export', async () => {
    const seen: Array<[number, number]> = [];
    const lines =
      [
        JSON.stringify({ type: 'progress', bytes: 0, totalBytes: 2000 }),
        JSON.stringify({ type: 'progress', bytes: 1000, totalBytes: 2000 }),
        JSON.stringify({ type: 'progress', bytes: 2000, totalBytes: 2000 }),
        JSON.stringify({ type: 'done', export: DONE }),
      ].join('\n') + '\n';
    const result = await readExportProgress(
      streamed([lines.slice(0, 30), lines.slice(30, 61), lines.slice(61)]),
      (b, t) => seen.push([b, t]),
    );
    expect(seen).toEqual([
      [0, 2000],
      [1000, 2000],
      [2000, 2000],
    ]);
    expect(result).toEqual(DONE);
  });

  it('throws a refusal answered before any line with its code, as unwrap does (R18.5)', async () => {
    const refused = new Response(
      JSON.stringify({ code: 'CUSTOS_R18_5_ALREADY_EXPORTED', rule: 'R18.5', statusCode: 409 }),
      { status: 409, headers: { 'content-type': 'application/json' } },
    );
    await expect(readExportProgress(refused, () => undefined)).rejects.toMatchObject({
      message: 'CUSTOS_R18_5_ALREADY_EXPORTED',
      status: 409,
      api: { rule: 'R18.5' },
    });
  });

  it('throws a failure while written, and a stream that ends without its result', async () => {
    await expect(
      readExportProgress(
        streamed([
          '{"type":"progress","bytes":0,"totalBytes":9}\n{"type":"failed","code":"CUSTOS_STORAGE_ORIGINAL_INTEGRITY_FAILED"}\n',
        ]),
        () => undefined,
      ),
    ).rejects.toThrow('CUSTOS_STORAGE_ORIGINAL_INTEGRITY_FAILED');
    await expect(
      readExportProgress(streamed(['{"type":"progress","bytes":0,"totalBytes":9}\n']), () => undefined),
    ).rejects.toThrow('CUSTOS_STORAGE_EXPORT_FAILED');
  });

  it('shows sizes as people read them', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});
