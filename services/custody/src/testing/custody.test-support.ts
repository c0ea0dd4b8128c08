import { generateKeyPairSync, KeyObject, randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { AuthModule, aPrincipal, Principal, TestIssuer } from '@custos/auth';
import { exportAggregateId, ExportPackaged, STORAGE_EXPORT_PACKAGED } from '@custos/contracts';
import { ApprovalDocument, Officer, Organisation } from '@custos/domain';
import { EventTransport, inTransaction } from '@custos/eventstore';
import { approvalDocumentIn, startTestApp } from '@custos/testing';
import { Pool } from 'pg';
import { InMemoryApprovalTrust } from '@custos/platform';
import { openEvidenceItem } from '../consumers/storage-exports.consumer';
import { EvidenceItemRepository } from '../database/evidence-item.repository';
import { InMemoryOfficerDirectory } from '../domain/officer-directory.port';
import { CustodyModule } from '../custody.module';
import type { CustodyModuleOptions } from '../custody.options';

export const NOW = new Date('2026-02-16T09:30:00.000Z');
export const PSB = 'org-psb-yanta';
export const OWNER = 'org-owner-mall';

const qualification = (credentialNumber: string, extra: Partial<Officer['qualification']> = {}): Officer['qualification'] => ({
  credentialNumber,
  issuedAt: new Date('2022-01-01T00:00:00Z'),
  expiresAt: new Date('2030-01-01T00:00:00Z'),
  statusHistory: [{ status: 'ACTIVE', since: new Date('2022-01-01T00:00:00Z') }],
  ...extra,
});

export const OFFICERS: readonly Officer[] = [
  { personId: 'person-officer-li', organisationId: PSB, qualification: qualification('61011300101') },
  { personId: 'person-officer-zhang', organisationId: PSB, qualification: qualification('61011300102') },
  { personId: 'person-officer-zhao', organisationId: PSB, qualification: qualification('61011300103', { expiresAt: new Date('2024-01-01T00:00:00Z') }) },
  {
    personId: 'person-officer-sun',
    organisationId: PSB,
    qualification: qualification('61011300104', {
      statusHistory: [
        { status: 'ACTIVE', since: new Date('2022-01-01T00:00:00Z') },
        { status: 'SUSPENDED', since: new Date('2025-06-01T00:00:00Z') },
      ],
    }),
  },
  { personId: 'person-officer-chen', organisationId: 'org-psb-xian', qualification: qualification('61010000001') },
  { personId: 'person-officer-liu', organisationId: 'org-psb-xian', qualification: qualification('61010000002') },
  { personId: 'person-officer-ma', organisationId: 'org-psb-xian', qualification: qualification('61010000003', { expiresAt: new Date('2024-01-01T00:00:00Z') }) },
];

export const ORGANISATIONS: readonly Organisation[] = [
  { id: PSB, type: 'PUBLIC_SECURITY', level: 'COUNTY', divisionCode: '610113' },
  { id: 'org-psb-xian', type: 'PUBLIC_SECURITY', level: 'CITY', divisionCode: '610100' },
  { id: OWNER, type: 'OWNER', level: 'COUNTY', divisionCode: '610113' },
  { id: 'org-owner-hotel', type: 'OWNER', level: 'COUNTY', divisionCode: '610113' },
  { id: 'org-owner-bank', type: 'OWNER', level: 'COUNTY', divisionCode: '610113' },
];

/** The owners' operators the registry holds (ownerOperator's people): what an owner's token may claim (issue 16). */
export const OPERATORS: readonly { personId: string; organisationId: string }[] = [OWNER, 'org-owner-hotel', 'org-owner-bank'].map((organisationId) => ({
  personId: `person-operator-${organisationId}`,
  organisationId,
}));

/** A token principal for one of OFFICERS, by short name (li, zhang, zhao, sun, chen, liu, ma). */
export function officer(name: string, overrides: Partial<Principal> = {}): Principal {
  const o = OFFICERS.find((x) => x.personId === `person-officer-${name}`)!;
  const org = ORGANISATIONS.find((x) => x.id === o.organisationId)!;
  return aPrincipal({
    subject: `dev:officer.${name}`,
    personId: o.personId,
    organisationId: o.organisationId,
    organisationType: 'PUBLIC_SECURITY',
    divisionCode: org.divisionCode,
    roles: ['OFFICER'],
    credentialNumber: o.qualification.credentialNumber,
    ...overrides,
  });
}

export const ownerOperator = (organisationId = OWNER): Principal =>
  aPrincipal({
    subject: `dev:operator.${organisationId}`,
    personId: `person-operator-${organisationId}`,
    organisationId,
    organisationType: 'OWNER',
    divisionCode: '610113',
    roles: ['OWNER_OPERATOR'],
    credentialNumber: undefined,
  });

export const oversight = (divisionCode = '610000'): Principal =>
  aPrincipal({
    subject: 'dev:oversight',
    personId: 'person-oversight',
    organisationId: 'org-oversight',
    organisationType: 'OVERSIGHT',
    divisionCode,
    roles: ['OVERSIGHT'],
    credentialNumber: undefined,
  });

/** What storage announces for one export package of OWNER's camera cam-1 (the approved scope). */
export function exportPackaged(overrides: Partial<ExportPackaged> = {}): ExportPackaged {
  return {
    exportId: randomUUID(),
    approvalDocumentNumber: '610113-001-2026-000042',
    issuingOrganisationId: PSB,
    requestId: 'req-7',
    kind: 'COPY',
    organisationId: OWNER,
    cameraIds: ['cam-1'],
    windowFrom: '2026-02-10T10:00:00.000Z',
    windowTo: '2026-02-10T12:00:00.000Z',
    segmentIds: ['seg-1'],
    objectKey: 'exports/x.tar',
    packageSha256: 'a'.repeat(64),
    packageSizeBytes: 1024,
    manifestSha256: 'b'.repeat(64),
    signerKeyId: 'c'.repeat(64),
    exportedAt: '2026-02-16T08:00:00.000Z',
    ...overrides,
  };
}

/** The evidence item of an export, opened the way the storage-exports consumer does it, without a trip through the broker. */
export async function openExportedItem(items: EvidenceItemRepository, pool: Pool, payload: ExportPackaged): Promise<string> {
  await inTransaction(pool, (tx) =>
    openEvidenceItem(
      items,
      {
        id: randomUUID(),
        type: STORAGE_EXPORT_PACKAGED,
        schemaVersion: 1,
        aggregateId: exportAggregateId(payload.exportId),
        aggregateVersion: 1,
        occurredAt: NOW.toISOString(),
        actor: { subject: 'dev:operator.mall', organisationId: OWNER },
        correlationId: 'corr',
        causationId: null,
        payload: { ...payload },
        sequence: 1,
        service: 'storage',
      },
      tx,
    ),
  );
  return payload.exportId;
}

export { APPROVAL_DOCUMENT_ID, signedApprovalDocument as signed } from '@custos/testing';

/** The suite's approval document: PSB's head signs a copy of sys-mall (R18.5); `overrides` and `scope` change it. */
export function approvalDocument(overrides: Partial<ApprovalDocument> = {}, scope: Partial<ApprovalDocument['scope']> = {}): ApprovalDocument {
  const window = { from: '2026-02-10T09:00:00.000Z', to: '2026-02-10T13:00:00.000Z' };
  return approvalDocumentIn({ psb: PSB, headPersonId: 'person-head-yanta', imageSystemIds: ['sys-mall'], window }, overrides, scope);
}

/**
 * Runs `during` with the officer's qualification suspended since a minute before NOW in the
 * app's registry, and restores it afterwards whatever happened (R18.2).
 */
export async function whileSuspended<T>(t: Pick<CustodyTestApp, 'officers'>, name: string, during: () => Promise<T>): Promise<T> {
  const officer = OFFICERS.find((o) => o.personId === `person-officer-${name}`)!;
  const since = new Date(NOW.getTime() - 60_000);
  t.officers.put({ ...officer, qualification: { ...officer.qualification, statusHistory: [...officer.qualification.statusHistory, { status: 'SUSPENDED', since }] } });
  try {
    return await during();
  } finally {
    t.officers.put(officer);
  }
}

export interface CustodyTestApp {
  readonly app: INestApplication;
  readonly url: string;
  readonly pool: Pool;
  readonly issuerKeys: { publicKey: KeyObject; privateKey: KeyObject };
  readonly trust: InMemoryApprovalTrust;
  /** The registry's officers as custody sees them (unless `extra.officers` replaced it). */
  readonly officers: InMemoryOfficerDirectory;
  /** Moves "now" for the service. */
  setNow(at: Date): void;
  close(): Promise<void>;
}

/**
 * The custody module on the harness's Postgres (and, when given, the bus), behind the test
 * issuer; `extra` adds options such as the footage source (a storage service over HTTP).
 */
export async function startCustodyApp(
  issuer: TestIssuer,
  databaseUrl: string,
  bus?: { transport: EventTransport; topicPrefix: string; consumerGroup: string },
  extra: Partial<
    Pick<
      CustodyModuleOptions,
      | 'footage'
      | 'linkSigner'
      | 'deliveryLinkTtlMs'
      | 'playbackLinkTtlMs'
      | 'maxPlaybackRangeBytes'
      | 'viewingExpiryIntervalMs'
      | 'viewRequestsConsumerGroup'
      | 'directAccessConsumerGroup'
      | 'deliveryHeartbeatMs'
      | 'deliveryStaleMs'
      | 'deliverySweepIntervalMs'
      | 'approvalTrust'
      | 'officers'
      | 'clock'
      | 'officerPolicy'
      | 'rulePacks'
    >
  > = {},
): Promise<CustodyTestApp> {
  const issuerKeys = generateKeyPairSync('ed25519');
  const trust = new InMemoryApprovalTrust().trust(PSB, issuerKeys.publicKey);
  const directory = new InMemoryOfficerDirectory({ officers: OFFICERS, organisations: ORGANISATIONS, operators: OPERATORS });
  let now = NOW;
  const { app, url } = await startTestApp(
    [
      AuthModule.forRoot(issuer.authConfig()),
      CustodyModule.forRoot({
        databaseUrl,
        officers: directory,
        approvalTrust: trust,
        clock: () => now,
        coSignWindowMs: 10 * 60_000,
        ...(bus ?? {}),
        ...extra,
      }),
    ],
    { service: 'custody' },
  );
  const pool = new Pool({ connectionString: databaseUrl, max: 3 });
  pool.on('error', () => undefined);
  return {
    app,
    url,
    pool,
    issuerKeys,
    trust,
    officers: directory,
    setNow: (at) => (now = at),
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
}

/**
 * Every item of a paged list (issue 15), read `limit` at a time by following `nextCursor`; each
 * page must answer 200 with at most `limit` items.
 */
export async function everyPage<T>(get: (path: string) => Promise<{ status: number; body: { items: T[]; nextCursor: string | null } }>, path: string, limit: number): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const page = await get(`${path}${path.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (page.status !== 200 || page.body.items.length > limit) throw new Error(`${path}: a page answered ${page.status} with ${page.body.items?.length} items`);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor !== null);
  return items;
}

/**
 * A list of sessions at `path` as one caller reads it (`get`): more than one, newest opened first,
 * and the same when paged one at a time, without gap or repeat (issue 15, R5.1).
 */
export async function expectSessionsNewestFirst(get: (path: string) => Promise<{ status: number; body: { items: { openedAt: string }[]; nextCursor: string | null } }>, path: string): Promise<void> {
  const whole = (await get(`${path}?limit=200`)).body;
  expect([whole.items.length > 1, whole.nextCursor]).toEqual([true, null]);
  const opened = whole.items.map((x) => x.openedAt);
  expect(opened).toEqual([...opened].sort().reverse());
  expect(await everyPage(get, path, 1)).toEqual(whole.items);
}
