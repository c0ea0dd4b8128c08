// @custos/contracts holds class-transformer @Type decorators, which need the metadata polyfill Nest loads.
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { startTestIssuer, TestIssuer } from '@custos/auth';
import { verifyExportPackage } from './export-package/verify-export-package';
import {
  approvalDocument,
  generatedFootage,
  owner,
  putStream,
  signed,
  startStorageApp,
  StorageTestApp,
} from './testing/storage.test-support';

const SIZE = 256 * 1024 * 1024;
const MAX_RSS_GROWTH = 150 * 1024 * 1024;

/** Samples the process's resident set size while work runs; answers the peak growth. */
async function peakRssGrowth(work: () => Promise<void>): Promise<number> {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, process.memoryUsage().rss) - baseline;
}

describe('ingest and export of a large stream in constant memory (issue 6)', () => {
  let issuer: TestIssuer;
  let t: StorageTestApp;
  let token: string;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    t = await startStorageApp(issuer, 'storage-large');
    token = await issuer.tokenFor(owner());
  });
  afterAll(async () => {
    await t?.close();
    await issuer?.close();
  });

  it('ingests, exports and verifies 256 MiB with less than 150 MB of RSS growth (R16.3, R18.5)', async () => {
    const expectedSha = createHash('sha256');
    for await (const chunk of generatedFootage(SIZE)) expectedSha.update(chunk as Buffer);
    const sha = expectedSha.digest('hex');

    let exportId = '';
    let packageSha = '';
    const growth = await peakRssGrowth(async () => {
      const ingest = await putStream(
        `${t.url}/footage/segments/big-1?cameraId=cam-1&from=2026-02-10T10:00:00Z&to=2026-02-10T11:00:00Z&container=mp4&codec=h264`,
        token,
        generatedFootage(SIZE),
      );
      expect(ingest).toMatchObject({ status: 201, body: { sizeBytes: SIZE, sha256: sha } });

      const response = await fetch(`${t.url}/footage/exports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ approval: signed(approvalDocument(), t.issuerKeys.privateKey) }),
      });
      const body = (await response.json()) as { exportId: string; packageSha256: string; segmentIds: string[] };
      expect(response.status).toBe(201);
      expect(body.segmentIds).toEqual(['big-1']);
      exportId = body.exportId;
      packageSha = body.packageSha256;

      const download = await new Promise<http.IncomingMessage>((resolve, reject) =>
        http
          .get(`${t.url}/footage/exports/${exportId}`, { headers: { authorization: `Bearer ${token}` } }, resolve)
          .on('error', reject),
      );
      expect(download.statusCode).toBe(200);
      expect(download.headers['x-custos-package-sha256']).toBe(packageSha);
      const verification = await verifyExportPackage(download, t.storageKeys.publicKey);
      expect(verification).toMatchObject({ ok: true, problems: [] });
      expect(verification.manifest!.files).toEqual([
        expect.objectContaining({ segmentId: 'big-1', sizeBytes: SIZE, sha256: sha }),
      ]);
    });
    expect(growth).toBeLessThan(MAX_RSS_GROWTH);
  });
});
