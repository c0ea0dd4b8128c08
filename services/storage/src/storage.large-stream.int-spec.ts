// @custos/contracts holds class-transformer @Type decorators, which need the metadata polyfill Nest loads.
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import http from 'node:http';
import { startTestIssuer, TestIssuer } from '@custos/auth';
import { verifyExportPackage } from './export-package/verify-export-package';
import { startStorageProcess, StorageProcess } from './testing/storage-process';
import { approvalDocument, generatedFootage, owner, putStream, signed } from './testing/storage.test-support';

const MIB = 1024 * 1024;
const SIZE = 256 * MIB;
/**
 * Four 8 MiB part buffers, socket and stream buffers, and a fresh process's heap growing to its
 * working size (72 MB seen): far less than the 256 MiB that pass through.
 */
const MAX_PEAK_GROWTH = 100 * MIB;

/**
 * The storage service in its own process (main.ts on S3), so that the peak measured is the
 * service's own (VmHWM), not the test client's: 256 MiB in and out must not move it by more
 * than a few part buffers. npm run bench:storage does the same with 1 GiB.
 */
describe('ingest and export of a large stream in constant memory (issue 6)', () => {
  let issuer: TestIssuer;
  let storage: StorageProcess;
  let token: () => Promise<string>;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    storage = await startStorageProcess(issuer, 'storage-large', 'compiled');
    token = () => issuer.tokenFor(owner());
  }, 120_000);
  afterAll(async () => {
    await storage?.close();
    await issuer?.close();
  });

  it('ingests, exports and verifies 256 MiB with the service growing less than 100 MB at its peak (R16.3, R18.5)', async () => {
    const { service } = storage;
    const expectedSha = createHash('sha256');
    for await (const chunk of generatedFootage(SIZE)) expectedSha.update(chunk as Buffer);
    const sha = expectedSha.digest('hex');
    const atStart = service.memory().rss;
    service.resetPeak();

    const ingest = await putStream(
      `${service.url}/v1/footage/segments/big-1?cameraId=cam-1&from=2026-02-10T10:00:00Z&to=2026-02-10T11:00:00Z&container=mp4&codec=h264`,
      await token(),
      generatedFootage(SIZE),
      { 'content-length': String(SIZE) },
    );
    expect(ingest).toMatchObject({ status: 201, body: { sizeBytes: SIZE, sha256: sha } });

    const now = Date.now();
    const document = approvalDocument({
      validFrom: new Date(now - 3_600_000).toISOString(),
      issuedAt: new Date(now - 3_600_000).toISOString(),
      validUntil: new Date(now + 86_400_000).toISOString(),
    });
    const response = await fetch(`${service.url}/v1/footage/exports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ approval: signed(document, storage.approvalKeys.privateKey) }),
    });
    const body = (await response.json()) as { exportId: string; packageSha256: string; segmentIds: string[] };
    expect(response.status).toBe(201);
    expect(body.segmentIds).toEqual(['big-1']);

    const authorization = `Bearer ${await token()}`;
    const download = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http
        .get(`${service.url}/v1/footage/exports/${body.exportId}`, { headers: { authorization } }, resolve)
        .on('error', reject),
    );
    expect(download.statusCode).toBe(200);
    expect(download.headers['x-custos-package-sha256']).toBe(body.packageSha256);
    const verification = await verifyExportPackage(download, storage.storageKey);
    expect(verification).toMatchObject({ ok: true, problems: [] });
    expect(verification.manifest!.files).toEqual([
      expect.objectContaining({ segmentId: 'big-1', sizeBytes: SIZE, sha256: sha }),
    ]);

    expect(service.memory().peak - atStart).toBeLessThan(MAX_PEAK_GROWTH);
  });
});
