// @custos/contracts holds class-transformer @Type decorators, which need the metadata polyfill Nest loads.
import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { aPrincipal, Principal, SERVICE_SCOPES, startTestIssuer, TestIssuer } from '@custos/auth';
import { evidenceItemAggregateId } from '@custos/contracts';
import { EventStore } from '@custos/eventstore';
import { binaryBody, createTestDatabase } from '@custos/testing';
import { HttpFootageSource } from '../../services/custody/src/adapters/http-footage-source';
import { custodyEventRegistry, EvidenceItemRepository } from '../../services/custody/src/database/evidence-item.repository';
import {
  approvalDocument as custodyApproval,
  CustodyTestApp,
  exportPackaged,
  officer,
  openExportedItem,
  signed as custodySigned,
  startCustodyApp,
} from '../../services/custody/src/testing/custody.test-support';
import { exportKey } from '../../services/storage/src/domain/object-keys';
import { LocalDiskFootageStore } from '../../services/storage/src/footage-store/local-disk-footage-store';
import {
  approvalDocument as storageApproval,
  generatedFootage,
  owner as storageOwner,
  putStream,
  signed as storageSigned,
  startStorageApp,
  StorageTestApp,
} from '../../services/storage/src/testing/storage.test-support';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * Custody re-reads and re-hashes the package as the REAL storage service holds it (R18.5):
 * storage on the harness's Postgres with its write-once local-disk store (whose file modes
 * bind the application, not someone with the disk: the way a byte can change at rest), custody
 * reading it over HTTP with its SERVICE token. The officers hold the package as exported.
 */
describe('custody checks the stored package itself, never the client\'s word (R18.5)', () => {
  let issuer: TestIssuer;
  let dir: string;
  let storage: StorageTestApp<LocalDiskFootageStore>;
  let custody: CustodyTestApp;
  let items: EvidenceItemRepository;
  const tokens = new Map<string, string>();
  const tokenOf = async (principal: Principal): Promise<string> => {
    const key = `${principal.subject}|${principal.roles.join()}`;
    if (!tokens.has(key)) tokens.set(key, await issuer.tokenFor(principal));
    return tokens.get(key)!;
  };
  const post = async (path: string, principal: Principal, body: object = {}) =>
    request(custody.url).post(path).set('authorization', `Bearer ${await tokenOf(principal)}`).send(body);

  /** A real export of storage, its bytes as the owner reads them, and its evidence item in custody, handed over to li and zhang. */
  const exportedItem = async (number: string) => {
    const approval = storageSigned(storageApproval({ number }, { cameraIds: ['cam-1'] }), storage.issuerKeys.privateKey);
    const res = await request(storage.url).post('/v1/footage/exports').set('authorization', `Bearer ${await tokenOf(storageOwner())}`).send({ approval });
    expect(res.status).toBe(201);
    const bytes = (
      await request(storage.url).get(`/v1/footage/exports/${res.body.exportId}`).set('authorization', `Bearer ${await tokenOf(storageOwner())}`).buffer(true).parse(binaryBody)
    ).body as Buffer;
    const id = await openExportedItem(
      items,
      custody.pool,
      exportPackaged({ exportId: res.body.exportId, packageSha256: res.body.packageSha256, packageSizeBytes: res.body.packageSizeBytes }),
    );
    const started = await post(`/v1/evidence-items/${id}/hand-overs`, officer('li'), { approval: custodySigned(custodyApproval(), custody.issuerKeys.privateKey), purpose: 'Case I-1' });
    expect((await post(`/v1/evidence-items/${id}/hand-overs/${started.body.handOverId}/confirmation`, officer('zhang'))).status).toBe(200);
    return { id, bytes, file: storage.store.objectPath(exportKey(storageOwner().organisationId, res.body.exportId)) };
  };
  const attested = async (id: string, principal: Principal, copy: Buffer) => {
    const challenged = await post(`/v1/evidence-items/${id}/integrity-challenges`, principal);
    expect(challenged.status).toBe(201);
    return { challenge: challenged.body.challenge, response: sha256(Buffer.concat([Buffer.from(challenged.body.nonce, 'utf8'), copy])) };
  };
  /** What someone with the disk (not the application) can do: make the file writable and change one byte. */
  const changeStoredByte = async (file: string, at: number) => {
    await fs.chmod(file, 0o644);
    const handle = await fs.open(file, 'r+');
    const one = Buffer.alloc(1);
    await handle.read(one, 0, 1, at);
    one[0] ^= 0x01;
    await handle.write(one, 0, 1, at);
    await handle.close();
    await fs.chmod(file, 0o444);
  };

  beforeAll(async () => {
    issuer = await startTestIssuer();
    dir = await mkdtemp(join(tmpdir(), 'custos-integrity-'));
    storage = await startStorageApp(issuer, 'custody-integrity-storage', { footageStore: new LocalDiskFootageStore({ dir, retentionDays: 30 }) });
    const service = aPrincipal({ subject: 'service.custody', personId: 'service.custody', organisationId: 'custos', roles: ['SERVICE'], credentialNumber: undefined, scopes: Object.values(SERVICE_SCOPES) });
    custody = await startCustodyApp(issuer, await createTestDatabase('custody-integrity'), undefined, {
      footage: new HttpFootageSource({ baseUrl: storage.url, serviceToken: () => tokenOf(service) }),
    });
    items = new EvidenceItemRepository(new EventStore(custody.pool, 'custody', custodyEventRegistry()));
    const query = new URLSearchParams({ cameraId: 'cam-1', from: '2026-02-10T10:00:00.000Z', to: '2026-02-10T10:30:00.000Z', container: 'mp4', codec: 'h264' });
    const ingested = await putStream(`${storage.url}/v1/footage/segments/integrity-1?${query}`, await tokenOf(storageOwner()), generatedFootage(256 * 1024, 3));
    expect(ingested.status).toBe(201);
  });

  afterAll(async () => {
    await custody?.close();
    await storage?.close();
    await issuer?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('receives a package whose stored bytes and attested copy both match, without the officer being told its hash first (R18.5)', async () => {
    const { id, bytes } = await exportedItem('610113-001-2026-000601');
    const challenged = await post(`/v1/evidence-items/${id}/integrity-challenges`, officer('li'));
    expect(JSON.stringify(challenged.body)).not.toContain(sha256(bytes));
    const received = await post(`/v1/evidence-items/${id}/receipt`, officer('li'), await attested(id, officer('li'), bytes));
    expect(received.body).toMatchObject({ integrity: 'MATCH', status: 'IN_CUSTODY', stored: { sha256: sha256(bytes), match: true }, attestation: { result: 'MATCH' } });
  });

  it('refuses MATCH after a byte of the stored package changed at rest: the alarm names the STORED copy and the item is blocked (R18.5)', async () => {
    const { id, bytes, file } = await exportedItem('610113-001-2026-000602');
    await changeStoredByte(file, 2048);
    const received = await post(`/v1/evidence-items/${id}/receipt`, officer('zhang'), await attested(id, officer('zhang'), bytes));
    expect(received.status).toBe(200);
    expect(received.body).toMatchObject({ integrity: 'MISMATCH', alarm: true, failedCopy: 'STORED', status: 'COMPROMISED', stored: { match: false } });
    const events = await items.store.readStream(evidenceItemAggregateId(id));
    expect(events.map((e) => e.type).slice(-2)).toEqual(['custody.Received', 'custody.IntegrityMismatchDetected']);
    expect(events.at(-1)!.payload).toMatchObject({ during: 'RECEIPT', copy: 'STORED', expectedSha256: sha256(bytes), personId: 'person-officer-zhang' });
    expect(events.at(-1)!.payload.presentedSha256).not.toBe(sha256(bytes));

    // Blocked: a later verification finds the same, and no transfer leaves with it.
    const verified = await post(`/v1/evidence-items/${id}/verifications`, officer('li'));
    expect(verified.body).toMatchObject({ integrity: 'MISMATCH', failedCopy: 'STORED', status: 'COMPROMISED' });
    const before = (await items.store.readStream(evidenceItemAggregateId(id))).length;
    const transfer = await post(`/v1/evidence-items/${id}/transfers`, officer('li'), { toOrganisationId: 'org-psb-xian', purpose: 'x' });
    expect([transfer.status, transfer.body.code]).toEqual([409, 'CUSTOS_R18_5_INTEGRITY_MISMATCH']);
    expect(await items.store.readStream(evidenceItemAggregateId(id))).toHaveLength(before);
  });
});
