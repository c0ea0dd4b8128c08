import { generateKeyPairSync, KeyObject, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { keyIdOf } from '@custos/domain';
import { INestApplication } from '@nestjs/common';
import { aPrincipal, Principal, TestIssuer } from '@custos/auth';
import {
  accessDenialsStream,
  APPROVAL_SIGNING_KEY_CREATED,
  approvalSigningKeysAggregateId,
  canonicalBytes,
  EventEnvelope,
  eventTopic,
  registryStreamOf,
} from '@custos/contracts';
import { EventStore, KafkaTransport } from '@custos/eventstore';
import { verifyEvidenceBundle, verifyLedgerExport } from '@custos/ledger-core';
import { InMemoryApprovalTrust, LedgerPinnedApprovalTrust } from '@custos/platform';
import { uniqueTopicPrefix, waitFor } from '@custos/testing';
import { Pool } from 'pg';
import request from 'supertest';
import { LedgerTestApp, startLedgerTestApp } from '../test/ledger-app';
import { ledgerKeys } from '../test/support';
import { LEDGER_EVENT_STORE } from './ledger.tokens';
import { LedgerAccessIndex } from './database/access-index';

const keys = ledgerKeys();

/** Shaanxi (610000): Xi'an city (610100), its Yanta (610113) and Beilin (610103) districts. */
const ORGANISATIONS = {
  'psb-yanta': '610113',
  'psb-beilin': '610103',
  'owner-mall': '610113',
  'owner-bank': '610103',
  'oversight-yanta': '610113',
  'oversight-beilin': '610103',
  'oversight-xian': '610100',
  'oversight-shaanxi': '610000',
} as const;
type OrgId = keyof typeof ORGANISATIONS;

/** An event as a service's relay publishes it: service, stream, type, payload, and the actor's organisation. */
type Published = readonly [string, string, string, Record<string, unknown>, OrgId?];

/** What the ledger holds besides the organisations' registrations, in order of publication. */
const WORLD: readonly Published[] = [
  // A Yanta request to the mall, its approval, and the evidence item handed to Yanta officers.
  [
    'requests',
    'req-yanta',
    'requests.RequestFiled',
    {
      requestingOrganisation: { id: 'psb-yanta', type: 'PUBLIC_SECURITY', level: 'COUNTY', divisionCode: '610113' },
      ownerOrganisationIds: ['owner-mall'],
    },
    'psb-yanta',
  ],
  [
    'approvals',
    'req-yanta',
    'approvals.ApprovalGranted',
    {
      requestId: 'req-yanta',
      approver: { personId: 'head-psb-yanta', organisationId: 'psb-yanta' },
      ownerOrganisationIds: ['owner-mall'],
    },
  ],
  [
    'custody',
    'evidence-item:ev-mall',
    'custody.EvidenceItemOpened',
    { requestId: 'req-yanta', ownerOrganisationId: 'owner-mall', issuingOrganisationId: 'psb-yanta' },
    'owner-mall',
  ],
  [
    'custody',
    'evidence-item:ev-mall',
    'custody.HandedOver',
    { fromOrganisationId: 'owner-mall', receivingOrganisationId: 'psb-yanta', receivingDivisionCode: '610113' },
    'owner-mall',
  ],
  // A Beilin request to the bank.
  [
    'requests',
    'req-beilin',
    'requests.RequestFiled',
    {
      requestingOrganisation: { id: 'psb-beilin', type: 'PUBLIC_SECURITY', level: 'COUNTY', divisionCode: '610103' },
      ownerOrganisationIds: ['owner-bank'],
    },
    'psb-beilin',
  ],
  // Registry records whose payloads name no division: an officer of Yanta, and a bank (Beilin)
  // system standing in Yanta with one camera.
  [
    'registry',
    registryStreamOf.officer('off-yanta-li'),
    'registry.OfficerRegistered',
    { personId: 'person-li', organisationId: 'psb-yanta', name: 'Li' },
  ],
  [
    'registry',
    registryStreamOf.officer('off-yanta-li'),
    'registry.QualificationIssued',
    { credentialNumber: '61011300101', issuedAt: '2022-01-01T00:00:00Z', expiresAt: '2030-01-01T00:00:00Z' },
  ],
  [
    'registry',
    registryStreamOf.system('sys-bank-yanta'),
    'registry.ImageSystemRegistered',
    { ownerOrganisationId: 'owner-bank', name: 'ATM hall', divisionCode: '610113', location: 'Xiaozhai Rd' },
    'owner-bank',
  ],
  [
    'registry',
    registryStreamOf.system('sys-bank-yanta'),
    'registry.CameraRegistered',
    { cameraId: 'cam-bank-atm', name: 'ATM', locationCategory: 'FINANCIAL', location: 'hall' },
    'owner-bank',
  ],
  // Storage's facts name the owner, the system and the camera, never a division.
  [
    'storage',
    'segment:seg-bank-1',
    'storage.SegmentIngested',
    { segmentId: 'seg-bank-1', organisationId: 'owner-bank', imageSystemId: 'sys-bank-yanta', cameraId: 'cam-bank-atm' },
    'owner-bank',
  ],
  ['storage', 'export:exp-bank-1', 'storage.ExportPackaged', { exportId: 'exp-bank-1', cameraIds: ['cam-bank-atm'] }, 'owner-bank'],
  // A Beilin officer tried to delete the segment: refused and recorded on the segment's stream.
  [
    'storage',
    'segment:seg-bank-1',
    'storage.OriginalAlterationRefused',
    { segmentId: 'seg-bank-1', operation: 'DELETE', code: 'CUSTOS_R16_3_ORIGINAL_IMMUTABLE', rule: 'R16.3', exists: true },
    'psb-beilin',
  ],
];

const as = (organisationId: OrgId, roles: Principal['roles'], subject = `${organisationId}-user`): Principal =>
  aPrincipal({ subject, personId: subject, organisationId, divisionCode: ORGANISATIONS[organisationId], roles });

describe('ledger access scoping (R5.1, R3.1) and ledger.AccessDenied, over Kafka, Postgres and S3', () => {
  const prefix = uniqueTopicPrefix('ledger-access');
  const services = ['registry', 'requests', 'approvals', 'custody', 'storage', 'ledger'];
  const sequences = new Map<string, number>();
  let ledger: LedgerTestApp;
  let transport: KafkaTransport;
  let issuer: TestIssuer;
  let app: INestApplication;
  let pool: Pool;
  const tokens = new Map<string, string>();
  let published = 0;

  /** Publishes an event as a service's relay would, with the next sequence number of that service. */
  async function publish(
    service: string,
    aggregateId: string,
    type: string,
    payload: Record<string, unknown>,
    actorOrg?: string,
  ): Promise<EventEnvelope> {
    const sequence = (sequences.get(service) ?? 0) + 1;
    sequences.set(service, sequence);
    const event: EventEnvelope = {
      id: randomUUID(),
      type,
      schemaVersion: 1,
      aggregateId,
      aggregateVersion: sequence,
      occurredAt: new Date().toISOString(),
      actor: {
        subject: `${actorOrg ?? service}-user`,
        ...(actorOrg ? { organisationId: actorOrg } : {}),
        roles: ['OFFICER'],
      },
      correlationId: randomUUID(),
      causationId: null,
      payload,
      sequence,
      service,
    };
    await transport.publish([
      { topic: eventTopic(service, prefix), key: aggregateId, eventId: event.id, value: canonicalBytes(event) },
    ]);
    published++;
    return event;
  }

  const token = async (who: Principal) => {
    const key = JSON.stringify(who);
    if (!tokens.has(key)) tokens.set(key, await issuer.tokenFor(who));
    return tokens.get(key) as string;
  };
  /** GET as `who` (anonymous when undefined), expecting `status`. */
  const get = async (path: string, who: Principal | undefined, status: number) => {
    const call = request(app.getHttpServer()).get(path);
    if (who !== undefined) call.set('Authorization', `Bearer ${await token(who)}`);
    return call.expect(status);
  };
  /** GETs each path as `who`, expecting 403 with `code`. */
  const refuses = async (who: Principal, code: string, ...paths: string[]) => {
    for (const path of paths) expect((await get(path, who, 403)).body).toMatchObject({ code });
  };
  const leaves = async () => Number((await pool.query('SELECT count(*) FROM ledger_leaves')).rows[0].count);
  const signed = async () =>
    Number((await pool.query('SELECT coalesce(max(tree_size), 0) AS s FROM ledger_checkpoints')).rows[0].s);
  const settled = (count: number) =>
    waitFor(
      `${count} leaves, signed`,
      async () => ((await leaves()) >= count && (await signed()) >= count ? true : undefined),
      60_000,
      100,
    );

  const oversightYanta = as('oversight-yanta', ['OVERSIGHT']);
  const oversightBeilin = as('oversight-beilin', ['OVERSIGHT']);
  const oversightXian = as('oversight-xian', ['OVERSIGHT']);
  const oversightShaanxi = as('oversight-shaanxi', ['OVERSIGHT']);
  const ownerMall = as('owner-mall', ['OWNER_OPERATOR']);
  const ownerBank = as('owner-bank', ['OWNER_OPERATOR']);
  const officerYanta = as('psb-yanta', ['OFFICER']);
  const officerBeilin = as('psb-beilin', ['OFFICER']);

  let requestFiled: EventEnvelope;

  beforeAll(async () => {
    // Wired as AppModule does: the ledger's refusals are events of its own store.
    ledger = await startLedgerTestApp('ledger-access', {
      topicPrefix: prefix,
      services,
      signerKey: keys.signerKey,
      checkpointIntervalMs: 300,
      checkpointEveryEntries: 50,
      recordDenials: { windowMs: 200 },
    });
    ({ app, transport, issuer, pool } = ledger);

    for (const [id, divisionCode] of Object.entries(ORGANISATIONS)) {
      // On the registry's stream of the organisation, as the registry publishes it; actors and payloads name the bare id.
      await publish(
        'registry',
        registryStreamOf.organisation(id),
        'registry.OrganisationRegistered',
        { name: id, type: id.startsWith('owner') ? 'OWNER' : 'PUBLIC_SECURITY', level: 'COUNTY', divisionCode },
        'oversight-shaanxi',
      );
    }
    const world: EventEnvelope[] = [];
    for (const event of WORLD) world.push(await publish(...event));
    requestFiled = world[0];
    await settled(published);
  });

  afterAll(async () => {
    await ledger?.close();
  });

  it('R5.1: oversight reads the aggregates of organisations in its jurisdiction, and only those', async () => {
    const history = await get('/v1/ledger/aggregates/req-yanta/history', oversightYanta, 200);
    // Two services' topics: their order in the log is the order of arrival.
    expect(history.body.items.map((i: { type: string }) => i.type).sort()).toEqual([
      'approvals.ApprovalGranted',
      'requests.RequestFiled',
    ]);
    const bundle = await get('/v1/ledger/aggregates/evidence-item:ev-mall/evidence-bundle', oversightYanta, 200);
    expect(verifyEvidenceBundle(bundle.body, { trustedPublicKey: keys.verifierKey })).toMatchObject({ ok: true });

    await refuses(
      oversightBeilin,
      'CUSTOS_AUTH_OUTSIDE_JURISDICTION',
      '/v1/ledger/aggregates/req-yanta/history',
      '/v1/ledger/aggregates/evidence-item:ev-mall/evidence-bundle',
    );
    await get('/v1/ledger/aggregates/req-beilin/history', oversightBeilin, 200);
    // The city's oversight covers both districts.
    await get('/v1/ledger/aggregates/req-yanta/history', oversightXian, 200);
    await get('/v1/ledger/aggregates/req-beilin/history', oversightXian, 200);
  });

  it("R5.1: an officer's registry record, which names no division, is placed through the officer's organisation", async () => {
    const history = await get('/v1/ledger/aggregates/officer:off-yanta-li/history', oversightYanta, 200);
    expect(history.body.items).toHaveLength(2);
    await get('/v1/ledger/aggregates/officer:off-yanta-li/history', officerYanta, 200);
    await refuses(oversightBeilin, 'CUSTOS_AUTH_OUTSIDE_JURISDICTION', '/v1/ledger/aggregates/officer:off-yanta-li/history');
    // An organisation's own registry stream is placed by its registration.
    await get(`/v1/ledger/aggregates/${registryStreamOf.organisation('psb-yanta')}/history`, oversightYanta, 200);
    await get(`/v1/ledger/aggregates/${registryStreamOf.organisation('psb-yanta')}/history`, oversightBeilin, 403);
  });

  it("R5.1: a footage segment and an export, which name no division, are placed through the owner and the registry's system and camera", async () => {
    // The owner sits in Beilin; the system stands in Yanta: both districts' oversight read the segment.
    await get('/v1/ledger/aggregates/segment:seg-bank-1/history', oversightBeilin, 200);
    await get('/v1/ledger/aggregates/segment:seg-bank-1/history', oversightYanta, 200);
    // The export names only the camera: Yanta reads it through camera → system.
    await get('/v1/ledger/aggregates/export:exp-bank-1/history', oversightYanta, 200);
    await get('/v1/ledger/aggregates/segment:seg-bank-1/history', ownerBank, 200);
    await get('/v1/ledger/aggregates/segment:seg-bank-1/history', ownerMall, 403);
  });

  it('R5.1, R3.1: the actor of a refusal is not thereby involved: an officer refused on a segment cannot read its history', async () => {
    const history = await get('/v1/ledger/aggregates/segment:seg-bank-1/history', oversightBeilin, 200);
    expect(history.body.items.map((i: { type: string }) => i.type)).toContain('storage.OriginalAlterationRefused');
    await refuses(officerBeilin, 'CUSTOS_AUTH_WRONG_ORGANISATION', '/v1/ledger/aggregates/segment:seg-bank-1/history');
  });

  it('R3.1: the owner involved reads the request and the evidence item; another owner reads neither', async () => {
    await get('/v1/ledger/aggregates/req-yanta/history', ownerMall, 200);
    const bundle = await get('/v1/ledger/aggregates/evidence-item:ev-mall/evidence-bundle', ownerMall, 200);
    expect(bundle.body.items).toHaveLength(2);
    await refuses(
      ownerBank,
      'CUSTOS_AUTH_WRONG_ORGANISATION',
      '/v1/ledger/aggregates/req-yanta/history',
      '/v1/ledger/aggregates/evidence-item:ev-mall/evidence-bundle',
    );
    await get('/v1/ledger/aggregates/req-beilin/history', ownerBank, 200);
  });

  it("R3.1: the requesting officers' organisation reads its request, its entries' proofs and the evidence item; another organ does not", async () => {
    await get('/v1/ledger/aggregates/req-yanta/history', officerYanta, 200);
    await get('/v1/ledger/aggregates/evidence-item:ev-mall/evidence-bundle', officerYanta, 200);
    const proof = await get(`/v1/ledger/proofs/inclusion?eventId=${requestFiled.id}`, officerYanta, 200);
    expect(proof.body.entry.aggregateId).toBe('req-yanta');

    await get('/v1/ledger/aggregates/req-yanta/history', officerBeilin, 403);
    const byId = await get(`/v1/ledger/proofs/inclusion?eventId=${requestFiled.id}`, officerBeilin, 403);
    const byIndex = await get(`/v1/ledger/proofs/inclusion?leafIndex=${proof.body.leafIndex}`, officerBeilin, 403);
    expect([byId.body.code, byIndex.body.code]).toEqual([
      'CUSTOS_AUTH_WRONG_ORGANISATION',
      'CUSTOS_AUTH_WRONG_ORGANISATION',
    ]);
  });

  it('does not tell an outsider whether an aggregate or event exists: unknown and refused answer alike', async () => {
    const strip = (body: { code: string; detail: string; instance?: string; correlationId?: string }, id: string) => ({
      ...body,
      correlationId: undefined,
      detail: body.detail.replace(id, '<id>'),
      instance: body.instance?.replace(id, '<id>'),
    });
    for (const who of [officerBeilin, oversightBeilin]) {
      const known = await get('/v1/ledger/aggregates/req-yanta/history', who, 403);
      const unknown = await get('/v1/ledger/aggregates/req-nowhere/history', who, 403);
      expect(strip(unknown.body, 'req-nowhere')).toEqual(strip(known.body, 'req-yanta'));
    }
    const ghost = randomUUID();
    const unknownEvent = await get(`/v1/ledger/proofs/inclusion?eventId=${ghost}`, officerBeilin, 403);
    expect(unknownEvent.body.code).toBe('CUSTOS_AUTH_WRONG_ORGANISATION');
    // Only a reader of the whole log, who could list everything anyway, is told 404.
    const missing = await get('/v1/ledger/aggregates/req-nowhere/history', oversightShaanxi, 404);
    expect(missing.body.code).toBe('CUSTOS_LEDGER_AGGREGATE_NOT_FOUND');
  });

  it('serves hash-only tree data (latest checkpoint, consistency proofs) to any authenticated caller, none to anonymous', async () => {
    for (const who of [ownerBank, officerBeilin, as('psb-beilin', ['SERVICE'])]) {
      const latest = await get('/v1/ledger/checkpoints/latest', who, 200);
      expect(latest.body.treeSize).toBeGreaterThanOrEqual(published);
      await get(`/v1/ledger/proofs/consistency?from=1&to=${latest.body.treeSize}`, who, 200);
    }
    expect((await get('/v1/ledger/checkpoints/latest', undefined, 401)).body.code).toBe('CUSTOS_AUTH_TOKEN_MISSING');
  });

  it('keeps entry ranges, the export and the shared streams for provincial oversight covering the whole log', async () => {
    for (const who of [oversightYanta, oversightXian]) {
      await refuses(who, 'CUSTOS_AUTH_OUTSIDE_JURISDICTION', '/v1/ledger/entries?limit=5');
      await get('/v1/ledger/export', who, 403);
    }
    await refuses(ownerMall, 'CUSTOS_AUTH_ROLE_REQUIRED', '/v1/ledger/export');
    expect((await get('/v1/ledger/entries?limit=5', oversightShaanxi, 200)).body.items).toHaveLength(5);
    const exported = await get('/v1/ledger/export', oversightShaanxi, 200);
    expect(verifyLedgerExport(JSON.parse(exported.text), { trustedPublicKey: keys.verifierKey })).toMatchObject({
      ok: true,
    });

    // The ledger's own denial stream: one denied owner does not thereby read everyone's denials.
    await waitFor(
      'a denial in the log',
      async () => ((await leavesOf(accessDenialsStream('ledger'))) > 0 ? true : undefined),
      30_000,
      200,
    );
    await get(`/v1/ledger/aggregates/${accessDenialsStream('ledger')}/history`, ownerBank, 403);
    await get(`/v1/ledger/aggregates/${accessDenialsStream('ledger')}/history`, oversightShaanxi, 200);
  });

  it('records every refusal of the ledger as ledger.AccessDenied in its own store, and so in its Merkle log', async () => {
    const before = await denialsInStore();
    const correlationId = `denied-${randomUUID()}`;
    await request(app.getHttpServer())
      .get('/v1/ledger/aggregates/req-yanta/history')
      .set('Authorization', `Bearer ${await token(ownerBank)}`)
      .set('x-correlation-id', correlationId)
      .expect(403);
    await get('/v1/ledger/export', undefined, 401);
    // The anonymous one is written when its tally's window closes, which may come after the 403.
    const after = await waitFor(
      'both denials',
      async () => {
        const rows = (await denialsInStore()).filter((r) => !before.some((b) => b.id === r.id));
        const both =
          rows.some((r) => r.correlationId === correlationId) &&
          rows.some((r) => r.payload.code === 'CUSTOS_AUTH_TOKEN_MISSING' && r.payload.path === '/v1/ledger/export');
        return both ? rows : undefined;
      },
      20_000,
      100,
    );
    const refused = after.find((r) => r.correlationId === correlationId);
    expect(refused?.payload).toMatchObject({
      code: 'CUSTOS_AUTH_WRONG_ORGANISATION',
      status: 403,
      rule: 'R3.1',
      method: 'GET',
      path: '/v1/ledger/aggregates/req-yanta/history',
      subject: ownerBank.subject,
      organisationId: 'owner-bank',
    });
    expect(
      after.some((r) => r.payload.code === 'CUSTOS_AUTH_TOKEN_MISSING' && r.payload.path === '/v1/ledger/export'),
    ).toBe(true);
    await waitFor(
      'the denial in the Merkle log',
      async () =>
        (await pool.query('SELECT 1 FROM ledger_leaves WHERE event_id = $1', [refused?.id])).rowCount
          ? true
          : undefined,
      30_000,
      200,
    );
  });

  it("pins approval keys to the ledger: storage and custody trust the key the approvals service recorded, never one only a table or another service names (issue 16)", async () => {
    const organ = 'psb-beilin';
    const real = generateKeyPairSync('ed25519').publicKey;
    const attacker = generateKeyPairSync('ed25519').publicKey;
    const pem = (k: KeyObject) => k.export({ type: 'spki', format: 'pem' }).toString();
    const keyEvent = (k: KeyObject) => ({ organisationId: organ, keyId: keyIdOf(k), version: 1, publicKeyPem: pem(k), createdAt: new Date().toISOString() });
    await publish('approvals', approvalSigningKeysAggregateId(organ), APPROVAL_SIGNING_KEY_CREATED, keyEvent(real), organ);
    // Another service cannot record an organ's key, whatever it publishes.
    await publish('requests', approvalSigningKeysAggregateId(organ), APPROVAL_SIGNING_KEY_CREATED, keyEvent(attacker), organ);
    await waitFor('both in the log', async () => ((await leavesOf(approvalSigningKeysAggregateId(organ))) >= 2 ? true : undefined), 30_000, 100);
    const service = as('owner-mall', ['SERVICE']);
    const recorded = await get(`/v1/ledger/approval-keys/${organ}`, service, 200);
    expect(recorded.body.keys.map((k: { keyId: string }) => k.keyId)).toEqual([keyIdOf(real)]);

    const server = await app.listen(0, '127.0.0.1');
    const { port } = server.address() as AddressInfo;
    const serviceToken = await token(service);
    // The approvals service's table names the attacker's key (swapped in): it is not trusted.
    const trust = new LedgerPinnedApprovalTrust({
      ledger: { baseUrl: `http://127.0.0.1:${port}`, serviceToken: async () => serviceToken },
      approvals: new InMemoryApprovalTrust().trust(organ, attacker),
      recordWaitMs: 500,
      pollMs: 100,
    });
    expect((await trust.issuerKey(organ, keyIdOf(real)))?.equals(real)).toBe(true);
    expect(await trust.issuerKey(organ, keyIdOf(attacker))).toBeUndefined();
  });

  it('stops serving the whole log to provincial oversight once an organisation outside its province appears, and serves it to national oversight (R5.1)', async () => {
    await publish('registry', registryStreamOf.organisation('psb-chaoyang'), 'registry.OrganisationRegistered', {
      name: 'Chaoyang PSB',
      type: 'PUBLIC_SECURITY',
      level: 'COUNTY',
      divisionCode: '110105',
    });
    await app.get(LedgerAccessIndex).catchUp();
    await waitFor(
      'the Beijing organisation in the log',
      async () => ((await leavesOf(registryStreamOf.organisation('psb-chaoyang'))) > 0 ? true : undefined),
      30_000,
      100,
    );
    await refuses(oversightShaanxi, 'CUSTOS_AUTH_OUTSIDE_JURISDICTION', '/v1/ledger/export');
    await get('/v1/ledger/entries?limit=5', oversightShaanxi, 403);
    // Its own province's aggregates stay open to it, and Beijing's stay closed.
    await get('/v1/ledger/aggregates/req-yanta/history', oversightShaanxi, 200);
    await settled(await leaves());
    await get(`/v1/ledger/aggregates/${registryStreamOf.organisation('psb-chaoyang')}/history`, oversightShaanxi, 403);
    // National oversight (100000) reads the whole log of several provinces.
    const national = aPrincipal({
      subject: 'oversight-national-user',
      organisationId: 'oversight-national',
      divisionCode: '100000',
      roles: ['OVERSIGHT'],
    });
    expect((await get('/v1/ledger/entries?limit=5', national, 200)).body.items).toHaveLength(5);
    const exported = await get('/v1/ledger/export', national, 200);
    expect(verifyLedgerExport(JSON.parse(exported.text), { trustedPublicKey: keys.verifierKey })).toMatchObject({
      ok: true,
    });
    await get(`/v1/ledger/aggregates/${registryStreamOf.organisation('psb-chaoyang')}/history`, national, 200);
  });

  async function leavesOf(aggregateId: string): Promise<number> {
    return Number(
      (await pool.query('SELECT count(*) FROM ledger_leaves WHERE aggregate_id = $1', [aggregateId])).rows[0].count,
    );
  }

  async function denialsInStore(): Promise<EventEnvelope[]> {
    const events = await app.get<EventStore>(LEDGER_EVENT_STORE).readStream(accessDenialsStream('ledger'));
    expect(events.every((e) => e.type === 'ledger.AccessDenied' && e.service === 'ledger')).toBe(true);
    return events;
  }
});
