import { generateKeyPairSync, KeyObject } from 'node:crypto';
import http from 'node:http';
import { Readable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import { AuthModule, aPrincipal, Principal, TestIssuer } from '@custos/auth';
import { ApprovalDocument } from '@custos/domain';
import { approvalDocumentIn, createTestBucket, createTestDatabase, startTestApp, testInfra } from '@custos/testing';
import { Pool } from 'pg';
import { InMemoryApprovalTrust } from '@custos/platform';
import { InMemoryCameraDirectory } from '../domain/camera-directory.port';
import { FootageStore } from '../footage-store/footage-store.port';
import { S3FootageStore } from '../footage-store/s3-footage-store';
import { StorageModule } from '../storage.module';
import type { StorageModuleOptions } from '../storage.options';
import { STORAGE_MIGRATIONS } from '../migrations';

export const NOW = new Date('2026-02-16T09:30:00Z');
export const PSB = 'psb-yanta';

export const owner = (overrides: Partial<Principal> = {}): Principal =>
  aPrincipal({
    subject: 'owner-a-operator',
    personId: 'person-owner-a',
    organisationId: 'org-owner-a',
    organisationType: 'OWNER',
    roles: ['OWNER_OPERATOR'],
    credentialNumber: undefined,
    ...overrides,
  });

export const otherOwner = (): Principal =>
  owner({ subject: 'owner-b-operator', personId: 'person-owner-b', organisationId: 'org-owner-b' });

export const cameras = new InMemoryCameraDirectory([
  { cameraId: 'cam-1', organisationId: 'org-owner-a', imageSystemId: 'sys-metro' },
  { cameraId: 'cam-2', organisationId: 'org-owner-a', imageSystemId: 'sys-metro' },
  { cameraId: 'cam-3', organisationId: 'org-owner-a', imageSystemId: 'sys-metro' },
  { cameraId: 'cam-b', organisationId: 'org-owner-b', imageSystemId: 'sys-mall' },
  { cameraId: 'cam-vault', organisationId: 'org-owner-a', imageSystemId: 'sys-vault', retentionDays: 90 },
], {
  // The owners and their operators as the registry holds them: what owner() and otherOwner() may claim (issue 16).
  organisations: ['org-owner-a', 'org-owner-b'].map((id) => ({ id, type: 'OWNER', level: 'COUNTY', divisionCode: owner().divisionCode })),
  operators: [
    { personId: 'person-owner-a', organisationId: 'org-owner-a' },
    { personId: 'person-owner-b', organisationId: 'org-owner-b' },
  ],
});

export interface StorageTestApp<S extends FootageStore = S3FootageStore> {
  readonly app: INestApplication;
  readonly url: string;
  readonly pool: Pool;
  readonly store: S;
  readonly issuerKeys: { publicKey: KeyObject; privateKey: KeyObject };
  readonly storageKeys: { publicKey: KeyObject; privateKey: KeyObject };
  readonly trust: InMemoryApprovalTrust;
  close(): Promise<void>;
}

type StorageOverrides = Partial<Pick<StorageModuleOptions, 'approvalTrust' | 'clock' | 'cameras'>>;

/**
 * The storage module on the harness's Postgres and Ceph RGW, behind the test issuer; or on
 * `footageStore` when given (the local-disk store, whose files a test can change at rest).
 */
export async function startStorageApp(issuer: TestIssuer, label: string, overrides?: StorageOverrides): Promise<StorageTestApp>;
export async function startStorageApp<S extends FootageStore>(
  issuer: TestIssuer,
  label: string,
  overrides: StorageOverrides & { footageStore: S },
): Promise<StorageTestApp<S>>;
export async function startStorageApp(
  issuer: TestIssuer,
  label: string,
  { footageStore, ...overrides }: StorageOverrides & { footageStore?: FootageStore } = {},
): Promise<StorageTestApp<FootageStore>> {
  const pool = new Pool({ connectionString: await createTestDatabase(label, { migrations: STORAGE_MIGRATIONS }), max: 6 });
  pool.on('error', () => undefined);
  const store =
    footageStore ??
    new S3FootageStore({
      connection: testInfra().s3,
      bucket: await createTestBucket(label, { objectLock: true }),
      retentionDays: 30,
    });
  const issuerKeys = generateKeyPairSync('ed25519');
  const storageKeys = generateKeyPairSync('ed25519');
  const trust = new InMemoryApprovalTrust().trust(PSB, issuerKeys.publicKey);
  const { app, url } = await startTestApp(
    [
      AuthModule.forRoot(issuer.authConfig()),
      StorageModule.forRoot({
        pool,
        retentionDays: 30,
        footageStore: store,
        exportSigningKey: storageKeys.privateKey,
        cameras,
        approvalTrust: trust,
        clock: () => NOW,
        ...overrides,
      }),
    ],
    { service: 'storage' },
  );
  return {
    app,
    url,
    pool,
    store,
    issuerKeys,
    storageKeys,
    trust,
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
}

export { APPROVAL_DOCUMENT_ID, signedApprovalDocument as signed } from '@custos/testing';

/** The suite's approval document: PSB's head signs a copy of sys-metro (R18.5); `overrides` and `scope` change it. */
export function approvalDocument(overrides: Partial<ApprovalDocument> = {}, scope: Partial<ApprovalDocument['scope']> = {}): ApprovalDocument {
  const window = { from: '2026-02-10T10:00:00.000Z', to: '2026-02-10T12:00:00.000Z' };
  return approvalDocumentIn({ psb: PSB, headPersonId: 'head-of-psb-yanta', imageSystemIds: ['sys-metro'], window }, overrides, scope);
}

export interface RawResponse {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** A PUT whose body is a stream, sent as it is produced (supertest would buffer it). */
export function putStream(
  url: string,
  token: string,
  body: Readable,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', ...headers },
    });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (c) => chunks.push(c));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: response.statusCode ?? 0, body: text ? JSON.parse(text) : {} });
      });
    });
    request.on('error', reject);
    body.on('error', (e) => request.destroy(e));
    body.pipe(request);
  });
}

/** `total` bytes, generated as read in 1 MiB chunks whose content depends on the seed. */
export function generatedFootage(total: number, seed = 7): Readable {
  const block = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < block.length; i++) block[i] = (i * 31 + seed) & 0xff;
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) return void this.push(null);
      const size = Math.min(block.length, total - sent);
      const chunk = Buffer.from(block.subarray(0, size));
      if (size >= 4) chunk.writeUInt32BE(sent / block.length, 0);
      sent += size;
      this.push(chunk);
    },
  });
}
