// @custos/contracts holds class-transformer @Type decorators, which need the metadata polyfill Nest loads.
import 'reflect-metadata';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import request from 'supertest';
import { aPrincipal, Principal, SERVICE_SCOPES, startTestIssuer, TestIssuer } from '@custos/auth';
import { EventEnvelope, evidenceItemAggregateId, ExportPackaged, handOverRefusalsAggregateId } from '@custos/contracts';
import { EventStore } from '@custos/eventstore';
import { binaryBody, createTestDatabase, waitFor } from '@custos/testing';
import { HttpFootageSource } from '../../services/custody/src/adapters/http-footage-source';
import type { FootageSource } from '../../services/custody/src/domain/footage-source.port';
import { custodyEventRegistry, EvidenceItemRepository } from '../../services/custody/src/database/evidence-item.repository';
import { LinkSigner } from '../../services/custody/src/shared/signed-link';
import { recordOnItem } from '../../services/custody/src/commands/deliver-package/delivery-link';
import { DeliverySweeper } from '../../services/custody/src/commands/deliver-package/delivery-sweeper';
import { DeliveryLeases } from '../../services/custody/src/database/delivery-leases.table';
import {
  approvalDocument as custodyApproval,
  CustodyTestApp,
  exportPackaged,
  NOW,
  OFFICERS,
  officer,
  openExportedItem,
  ownerOperator,
  PSB,
  signed as custodySigned,
  startCustodyApp,
} from '../../services/custody/src/testing/custody.test-support';
import {
  approvalDocument as storageApproval,
  generatedFootage,
  owner as storageOwner,
  putStream,
  signed as storageSigned,
  startStorageApp,
  StorageTestApp,
} from '../../services/storage/src/testing/storage.test-support';

const MIB = 1024 * 1024;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Export {
  readonly exportId: string;
  readonly packageSha256: string;
  readonly packageSizeBytes: number;
}

/**
 * Delivery of a handed-over package (R18.5, R16.6): custody (its module) streams the package
 * from a REAL storage service over HTTP (its module on the harness's Postgres and Ceph RGW with
 * Object Lock, reached with custody's SERVICE token through `HttpFootageSource`) to the holder
 * of a short-lived link bound to the approval document and the two receiving officers. Both
 * services run in this process, each on its own port; only this suite may import both.
 */
describe('custody delivers handed-over packages from storage over HTTP (R18.5, R16.6)', () => {
  let issuer: TestIssuer;
  let storage: StorageTestApp;
  let custody: CustodyTestApp;
  let items: EvidenceItemRepository;
  const signer = new LinkSigner(randomBytes(32).toString('base64url'));
  const tokens = new Map<string, string>();
  let small: Export;
  let big: Export;

  const tokenOf = async (principal: Principal): Promise<string> => {
    const key = `${principal.subject}|${principal.roles.join()}`;
    if (!tokens.has(key)) tokens.set(key, await issuer.tokenFor(principal));
    return tokens.get(key)!;
  };
  const post = async (path: string, principal: Principal, body: object = {}) =>
    request(custody.url).post(path).set('authorization', `Bearer ${await tokenOf(principal)}`).send(body);
  const get = async (path: string, principal: Principal) => request(custody.url).get(path).set('authorization', `Bearer ${await tokenOf(principal)}`);
  /** A download as a browser makes it: no bearer token, the link is the authority. */
  const download = (url: string) =>
    request(custody.url)
      .get(url)
      .buffer(true)
      .parse(binaryBody);
  const stream = async (id: string): Promise<EventEnvelope[]> => items.store.readStream(evidenceItemAggregateId(id));
  const typesOf = async (id: string) => (await stream(id)).map((e) => e.type);
  const refusalsOf = async (id: string): Promise<EventEnvelope[]> => items.store.readStream(handOverRefusalsAggregateId(id));

  /** Storage packages what one of its approval documents covers; the owner reads it back as stored. */
  const exportFrom = async (number: string, scope: { cameraIds: string[]; window: { from: string; to: string } }): Promise<Export> => {
    const approval = storageSigned(storageApproval({ number }, scope), storage.issuerKeys.privateKey);
    const res = await request(storage.url).post('/v1/footage/exports').set('authorization', `Bearer ${await tokenOf(storageOwner())}`).send({ approval });
    expect(res.status).toBe(201);
    return res.body as Export;
  };
  const packageBytes = async (exportId: string): Promise<Buffer> => {
    const res = await request(storage.url)
      .get(`/v1/footage/exports/${exportId}`)
      .set('authorization', `Bearer ${await tokenOf(storageOwner())}`)
      .buffer(true)
      .parse(binaryBody);
    expect(res.status).toBe(200);
    return res.body as Buffer;
  };

  /** The evidence item of a real export, as custody's consumer opens it; `recorded` overrides what custody holds. */
  const openItem = async (pkg: Export, recorded: Partial<ExportPackaged> = {}): Promise<string> => {
    const payload = exportPackaged({ exportId: pkg.exportId, packageSha256: pkg.packageSha256, packageSizeBytes: pkg.packageSizeBytes, ...recorded });
    return openExportedItem(items, custody.pool, payload);
  };

  /** li presents the document, zhang confirms: the package is handed over to PSB (R18.1, R18.5). */
  const handOver = async (id: string) => {
    const approval = custodySigned(custodyApproval(), custody.issuerKeys.privateKey);
    const started = await post(`/v1/evidence-items/${id}/hand-overs`, officer('li'), { approval, purpose: 'Case 2026-0117, delivery' });
    expect(started.status).toBe(201);
    const confirmed = await post(`/v1/evidence-items/${id}/hand-overs/${started.body.handOverId}/confirmation`, officer('zhang'));
    expect(confirmed.status).toBe(200);
  };

  /** Bytes custody has read from storage's package bodies so far: how far ahead of its reader it runs. */
  let pulledFromStorage = 0;
  /** When set, the next package read breaks after this many bytes, as a storage connection dropped mid-way would. */
  let breakNextPackageAfter: number | undefined;
  const countingReads = (source: FootageSource): FootageSource => ({
    segmentsCovering: (...args) => source.segmentsCovering(...args),
    readSegment: (...args) => source.readSegment(...args),
    readPackage: async (exportId) => {
      const pkg = await source.readPackage(exportId);
      const breakAfter = breakNextPackageAfter;
      breakNextPackageAfter = undefined;
      let passed = 0;
      const counted = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          pulledFromStorage += chunk.length;
          passed += chunk.length;
          if (breakAfter !== undefined && passed > breakAfter) return done(new Error('storage connection lost'));
          done(null, chunk);
        },
      });
      pipeline(pkg.body, counted).catch(() => undefined);
      return { ...pkg, body: counted };
    },
  });

  let bigItemId: Promise<string> | undefined;
  /** The 48 MiB package, handed over once for the tests that need a long stream. */
  const bigItem = () =>
    (bigItemId ??= openItem(big).then(async (id) => {
      await handOver(id);
      return id;
    }));

  beforeAll(async () => {
    issuer = await startTestIssuer();
    storage = await startStorageApp(issuer, 'custody-delivery-storage');
    const service = aPrincipal({ subject: 'service.custody', personId: 'service.custody', organisationId: 'custos', roles: ['SERVICE'], credentialNumber: undefined, scopes: Object.values(SERVICE_SCOPES) });
    custody = await startCustodyApp(issuer, await createTestDatabase('custody-delivery'), undefined, {
      footage: countingReads(new HttpFootageSource({ baseUrl: storage.url, serviceToken: () => tokenOf(service) })),
      linkSigner: signer,
    });
    items = new EvidenceItemRepository(new EventStore(custody.pool, 'custody', custodyEventRegistry()));

    const ingest = async (segmentId: string, cameraId: string, from: string, to: string, bytes: number) => {
      const query = new URLSearchParams({ cameraId, from, to, container: 'mp4', codec: 'h264' });
      const res = await putStream(`${storage.url}/v1/footage/segments/${segmentId}?${query}`, await tokenOf(storageOwner()), generatedFootage(bytes, bytes % 251));
      expect(res.status).toBe(201);
    };
    await ingest('delivery-small', 'cam-1', '2026-02-10T10:00:00.000Z', '2026-02-10T10:30:00.000Z', 512 * 1024);
    await ingest('delivery-big', 'cam-2', '2026-02-10T11:00:00.000Z', '2026-02-10T11:30:00.000Z', 48 * MIB);
    small = await exportFrom('610113-001-2026-000501', { cameraIds: ['cam-1'], window: { from: '2026-02-10T10:00:00.000Z', to: '2026-02-10T11:00:00.000Z' } });
    big = await exportFrom('610113-001-2026-000502', { cameraIds: ['cam-2'], window: { from: '2026-02-10T11:00:00.000Z', to: '2026-02-10T12:00:00.000Z' } });
  });

  afterAll(async () => {
    await custody?.close();
    await storage?.close();
    await issuer?.close();
  });

  afterEach(() => custody.setNow(NOW));

  it('gives a delivery link only to one of the two receiving officers of a handed-over package (R18.5, R3.1)', async () => {
    const id = await openItem(await exportFrom('610113-001-2026-000503', { cameraIds: ['cam-1'], window: { from: '2026-02-10T10:00:00.000Z', to: '2026-02-10T11:00:00.000Z' } }));
    const early = await post(`/v1/evidence-items/${id}/delivery-links`, officer('li'));
    expect([early.status, early.body.code]).toEqual([409, 'CUSTOS_R18_5_NOT_HANDED_OVER']);
    await handOver(id);
    const before = await typesOf(id);

    const colleague = await post(`/v1/evidence-items/${id}/delivery-links`, officer('liu'));
    expect([colleague.status, colleague.body.code]).toEqual([403, 'CUSTOS_R18_5_NOT_A_RECEIVING_OFFICER']);
    const unqualified = await post(`/v1/evidence-items/${id}/delivery-links`, officer('sun'));
    expect([unqualified.status, unqualified.body.code]).toEqual([403, 'CUSTOS_R18_2_QUALIFICATION_INVALID']);
    const theOwner = await post(`/v1/evidence-items/${id}/delivery-links`, ownerOperator());
    expect([theOwner.status, theOwner.body.code]).toEqual([403, 'CUSTOS_AUTH_ROLE_REQUIRED']);
    const anonymous = await request(custody.url).post(`/v1/evidence-items/${id}/delivery-links`).send({});
    expect(anonymous.status).toBe(401);

    const link = await post(`/v1/evidence-items/${id}/delivery-links`, officer('zhang'));
    expect(link.status).toBe(201);
    expect(link.body).toMatchObject({
      evidenceItemId: id,
      url: expect.stringMatching(/^\/v1\/deliveries\/[\w-]+\.[\w-]+$/),
      approvalDocumentNumber: '610113-001-2026-000042',
      officers: [
        { personId: 'person-officer-li', credentialNumber: '61011300101' },
        { personId: 'person-officer-zhang', credentialNumber: '61011300102' },
      ],
    });
    expect(Date.parse(link.body.expiresAt) - NOW.getTime()).toBeLessThanOrEqual(10 * 60_000);
    expect(await typesOf(id)).toEqual(before);
  });

  it('streams the package as stored, re-hashed, and registers the download before and after (R18.5, R16.6, R18.3)', async () => {
    const id = await openItem(small);
    await handOver(id);
    const link = await post(`/v1/evidence-items/${id}/delivery-links`, officer('li'));
    expect(link.status).toBe(201);

    const res = await download(link.body.url);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${small.exportId}.tar"`);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.body as Buffer;
    expect(body.equals(await packageBytes(small.exportId))).toBe(true);
    expect(sha256(body)).toBe(small.packageSha256);

    const events = await waitFor(
      'the delivery recorded',
      async () => {
        const all = await stream(id);
        return all.some((e) => e.type === 'custody.PackageDelivered') ? all : undefined;
      },
      10_000,
      100,
    );
    expect(events.map((e) => e.type).slice(-2)).toEqual(['custody.PackageDeliveryStarted', 'custody.PackageDelivered']);
    const [started, delivered] = events.slice(-2);
    const deliveryId = res.headers['x-custos-delivery-id'];
    const li = { personId: 'person-officer-li', credentialNumber: '61011300101', organisationId: PSB };
    expect(started.payload).toMatchObject({ deliveryId, evidenceItemId: id, sizeBytes: small.packageSizeBytes, requestedBy: li });
    expect(delivered.payload).toMatchObject({
      deliveryId,
      evidenceItemId: id,
      approvalDocumentNumber: '610113-001-2026-000042',
      officers: [li, { personId: 'person-officer-zhang', credentialNumber: '61011300102' }],
      requestedBy: li,
      bytes: small.packageSizeBytes,
      sha256: small.packageSha256,
      expectedSha256: small.packageSha256,
      match: true,
      at: NOW.toISOString(),
    });
    expect(delivered.actor).toMatchObject({ personId: 'person-officer-li', organisationId: PSB });

    // The register line: the receiving unit, both officers, the hand-over's purpose, and how it ended.
    for (const reader of [ownerOperator(), officer('zhang')]) {
      const register = await get('/v1/access-register?limit=500', reader);
      expect(register.body.items).toContainEqual(
        expect.objectContaining({
          entryId: deliveryId,
          evidenceItemId: id,
          accessKind: 'DELIVERY',
          requestingOrganisationId: PSB,
          persons: [
            { personId: 'person-officer-li', credentialNumber: '61011300101' },
            { personId: 'person-officer-zhang', credentialNumber: '61011300102' },
          ],
          purpose: 'Case 2026-0117, delivery',
          approvalDocumentNumber: '610113-001-2026-000042',
          at: NOW.toISOString(),
          endedAt: NOW.toISOString(),
          endReason: 'DELIVERED',
          bytes: small.packageSizeBytes,
          sha256: small.packageSha256,
        }),
      );
    }
    const csv = await request(custody.url).get('/v1/access-register?format=csv').set('authorization', `Bearer ${await tokenOf(ownerOperator())}`);
    expect(csv.text).toContain(`,${deliveryId},${NOW.toISOString()},DELIVERED,${small.packageSizeBytes},${small.packageSha256}\r\n`);

    // A link serves one download (R18.5): the same link again is refused, on record, and changes nothing; a new link is a new registered delivery.
    const typesBefore = await typesOf(id);
    const refusalsBefore = (await refusalsOf(id)).length;
    const again = await download(link.body.url);
    expect([again.status, JSON.parse(again.body.toString()).code]).toEqual([409, 'CUSTOS_R18_5_DELIVERY_LINK_USED']);
    expect(await typesOf(id)).toEqual(typesBefore);
    expect((await refusalsOf(id)).slice(refusalsBefore)).toEqual([
      expect.objectContaining({
        type: 'custody.HandOverRefused',
        // The pack of the footage's place at the attempt is named, as for every refusal (issue 21).
        payload: expect.objectContaining({ step: 'DELIVERY', code: 'CUSTOS_R18_5_DELIVERY_LINK_USED', rule: 'R18.5', rulePack: expect.objectContaining({ id: expect.stringContaining('CN2025') }) }),
      }),
    ]);
    const fresh = await post(`/v1/evidence-items/${id}/delivery-links`, officer('li'));
    const second = await download(fresh.body.url);
    expect(second.status).toBe(200);
    expect(second.headers['x-custos-delivery-id']).not.toBe(deliveryId);
  });

  it('starts one delivery only when the same link is used twice at once: the link id is claimed under a unique constraint (R18.5)', async () => {
    const id = await openItem(await exportFrom('610113-001-2026-000506', { cameraIds: ['cam-1'], window: { from: '2026-02-10T10:00:00.000Z', to: '2026-02-10T11:00:00.000Z' } }));
    await handOver(id);
    const link = await post(`/v1/evidence-items/${id}/delivery-links`, officer('li'));
    const answers = await Promise.all([download(link.body.url), download(link.body.url), download(link.body.url)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409]);
    await waitFor('the delivery ended', async () => ((await typesOf(id)).includes('custody.PackageDelivered') ? true : undefined), 10_000, 100);
    expect((await typesOf(id)).filter((t) => t === 'custody.PackageDeliveryStarted')).toHaveLength(1);
    const { rows } = await custody.pool.query('SELECT count(*)::int AS n FROM custody_delivery_leases WHERE evidence_item_id = $1', [id]);
    expect(rows[0].n).toBe(1);
  });

  it("refuses a download when the officer's qualification was suspended after the link was issued, on record, delivering nothing (R18.2)", async () => {
    const id = await openItem(await exportFrom('610113-001-2026-000507', { cameraIds: ['cam-1'], window: { from: '2026-02-10T10:00:00.000Z', to: '2026-02-10T11:00:00.000Z' } }));
    await handOver(id);
    const link = await post(`/v1/evidence-items/${id}/delivery-links`, officer('li'));
    expect(link.status).toBe(201);
    const li = OFFICERS.find((o) => o.personId === 'person-officer-li')!;
    const before = await typesOf(id);
    const refusals = (await refusalsOf(id)).length;
    custody.officers.put({
      ...li,
      qualification: { ...li.qualification, statusHistory: [...li.qualification.statusHistory, { status: 'SUSPENDED', since: new Date(NOW.getTime() - 60_000) }] },
    });
    try {
      const res = await download(link.body.url);
      expect([res.status, JSON.parse(res.body.toString()).code]).toEqual([403, 'CUSTOS_R18_2_QUALIFICATION_INVALID']);
    } finally {
      custody.officers.put(li);
    }
    expect(await typesOf(id)).toEqual(before);
    expect((await refusalsOf(id)).slice(refusals)).toEqual([
      expect.objectContaining({
        payload: expect.objectContaining({
          step: 'DELIVERY',
          code: 'CUSTOS_R18_2_QUALIFICATION_INVALID',
          officers: [expect.objectContaining({ personId: 'person-officer-li' })],
          // The pack of the footage's place at the attempt (issue 21).
          rulePack: expect.objectContaining({ id: expect.stringContaining('CN2025') }),
        }),
      }),
    ]);
  });

  it('ends a delivery whose process died (kill -9) as interrupted, ABANDONED, once, and leaves a live delivery alone (R16.6)', async () => {
    const id = await openItem(await exportFrom('610113-001-2026-000508', { cameraIds: ['cam-1'], window: { from: '2026-02-10T10:00:00.000Z', to: '2026-02-10T11:00:00.000Z' } }));
    await handOver(id);
    const leases = custody.app.get(DeliveryLeases, { strict: false });
    // What a process leaves behind when it dies mid-stream: the delivery started, its lease open, its heartbeat stopped.
    const startAs = async (deliveryId: string, heartbeatAt: Date) => {
      const item = (await items.load(id))!;
      const handed = item.handOver!;
      const li = handed.officers[0];
      await recordOnItem(
        custody.pool,
        items,
        id,
        { actor: { subject: li.subject, personId: li.personId, organisationId: li.organisationId }, correlationId: deliveryId },
        (current) =>
          current.startDelivery({
            deliveryId,
            evidenceItemId: id,
            approvalDocumentNumber: handed.approvalDocumentNumber,
            officers: handed.officers,
            requestedBy: li,
            linkId: `link-${deliveryId}`,
            receivingOrganisationId: handed.receivingOrganisationId,
            receivingDivisionCode: handed.receivingDivisionCode,
            purpose: handed.purpose,
            sizeBytes: 1024,
            at: heartbeatAt.toISOString(),
          }),
        async (tx) => {
          await leases.claim(tx, { linkId: `link-${deliveryId}`, deliveryId, evidenceItemId: id, at: heartbeatAt });
        },
      );
    };
    const dead = randomUUID();
    const live = randomUUID();
    await startAs(dead, new Date(NOW.getTime() - 5 * 60_000));
    await leases.heartbeat(dead, 4096, new Date(NOW.getTime() - 4 * 60_000));
    await startAs(live, NOW);

    const sweeper = custody.app.get(DeliverySweeper, { strict: false });
    expect(await sweeper.sweep()).toBe(1);
    expect(await sweeper.sweep()).toBe(0);
    const interrupted = (await stream(id)).filter((e) => e.type === 'custody.PackageDeliveryInterrupted');
    expect(interrupted).toEqual([expect.objectContaining({ payload: expect.objectContaining({ deliveryId: dead, reason: 'ABANDONED', bytes: 4096, at: NOW.toISOString() }) })]);
    const register = await get('/v1/access-register?limit=500', officer('li'));
    const lineOf = (deliveryId: string) => register.body.items.find((e: { entryId: string }) => e.entryId === deliveryId);
    expect(lineOf(dead)).toMatchObject({ endReason: 'ABANDONED', bytes: 4096, endedAt: NOW.toISOString() });
    expect(lineOf(live)).toMatchObject({ endReason: null, endedAt: null });
  });

  it('refuses an expired link and a tampered one, delivering and recording nothing (R18.5)', async () => {
    const id = await openItem(await exportFrom('610113-001-2026-000504', { cameraIds: ['cam-1'], window: { from: '2026-02-10T10:00:00.000Z', to: '2026-02-10T11:00:00.000Z' } }));
    await handOver(id);
    const link = await post(`/v1/evidence-items/${id}/delivery-links`, officer('li'));
    const before = await typesOf(id);
    const token: string = link.body.url.replace('/v1/deliveries/', '');
    const [claims, signature] = token.split('.');

    const asColleague = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8'));
    asColleague.requestedBy = { ...asColleague.requestedBy, personId: 'person-officer-liu' };
    const forgedClaims = `${Buffer.from(JSON.stringify(asColleague)).toString('base64url')}.${signature}`;
    // A character inside the signature (the last one carries unused bits).
    const flipped = `${claims}.${signature.slice(0, 5)}${signature[5] === 'A' ? 'B' : 'A'}${signature.slice(6)}`;
    for (const tampered of [forgedClaims, flipped, 'not-a-link']) {
      const res = await download(`/v1/deliveries/${tampered}`);
      expect([res.status, JSON.parse(res.body.toString()).code]).toEqual([401, 'CUSTOS_LINK_INVALID']);
    }
    // Genuine, but not a delivery link: a link custody signs for another use delivers nothing.
    const otherUse = signer.sign({ use: 'playback', evidenceItemId: id }, 60_000, NOW);
    const wrongUse = await download(`/v1/deliveries/${otherUse}`);
    expect([wrongUse.status, JSON.parse(wrongUse.body.toString()).code]).toEqual([401, 'CUSTOS_LINK_INVALID']);

    custody.setNow(new Date(NOW.getTime() + 10 * 60_000 + 1));
    const late = await download(link.body.url);
    expect([late.status, JSON.parse(late.body.toString()).code]).toEqual([401, 'CUSTOS_LINK_EXPIRED']);
    expect(await typesOf(id)).toEqual(before);
  });

  it('raises the alarm when the bytes delivered are not the packaged ones, and delivers no more (R18.5)', async () => {
    const pkg = await exportFrom('610113-001-2026-000505', { cameraIds: ['cam-1'], window: { from: '2026-02-10T10:00:00.000Z', to: '2026-02-10T11:00:00.000Z' } });
    const recorded = 'a'.repeat(64);
    const id = await openItem(pkg, { packageSha256: recorded });
    await handOver(id);
    const link = await post(`/v1/evidence-items/${id}/delivery-links`, officer('li'));
    const res = await download(link.body.url);
    expect(res.status).toBe(200);

    const events = await waitFor('the alarm', async () => {
      const all = await stream(id);
      return all.some((e) => e.type === 'custody.IntegrityMismatchDetected') ? all : undefined;
    }, 10_000, 100);
    expect(events.map((e) => e.type).slice(-2)).toEqual(['custody.PackageDelivered', 'custody.IntegrityMismatchDetected']);
    expect(events.at(-2)!.payload).toMatchObject({ match: false, sha256: pkg.packageSha256, expectedSha256: recorded });
    expect(events.at(-1)!.payload).toMatchObject({ during: 'DELIVERY', personId: 'person-officer-li', expectedSha256: recorded, presentedSha256: pkg.packageSha256 });
    expect((await get(`/v1/evidence-items/${id}`, officer('li'))).body).toMatchObject({ status: 'COMPROMISED', alarm: true });

    const refused = await post(`/v1/evidence-items/${id}/delivery-links`, officer('zhang'));
    expect([refused.status, refused.body.code]).toEqual([409, 'CUSTOS_R18_5_INTEGRITY_MISMATCH']);
    const replay = await download(link.body.url);
    expect([replay.status, JSON.parse(replay.body.toString()).code]).toEqual([409, 'CUSTOS_R18_5_INTEGRITY_MISMATCH']);
  });

  it('streams a large package whole without holding it: a slow reader holds custody back (R18.5)', async () => {
    const id = await bigItem();
    const link = await post(`/v1/evidence-items/${id}/delivery-links`, officer('li'));
    let pulledWhilePaused = Infinity;
    const received = await new Promise<{ bytes: number; sha256: string }>((resolve, reject) => {
      http
        .get(`${custody.url}${link.body.url}`, (res) => {
          const hash = createHash('sha256');
          let bytes = 0;
          let paused = false;
          res.on('data', (chunk: Buffer) => {
            hash.update(chunk);
            bytes += chunk.length;
            if (paused || bytes < 4 * MIB) return;
            // The reader stops for a while: custody must stop reading storage too, not hold the rest.
            paused = true;
            res.pause();
            const before = pulledFromStorage;
            setTimeout(() => {
              pulledWhilePaused = pulledFromStorage - before;
              res.resume();
            }, 1500);
          });
          res.on('end', () => resolve({ bytes, sha256: hash.digest('hex') }));
          res.on('error', reject);
        })
        .on('error', reject);
    });
    expect(received).toEqual({ bytes: big.packageSizeBytes, sha256: big.packageSha256 });
    // Only what socket buffers take went on: the 44 MiB still to come stayed in storage.
    expect(pulledWhilePaused / MIB).toBeLessThan(16);
    const delivered = await waitFor('the delivery', async () => (await stream(id)).find((e) => e.type === 'custody.PackageDelivered'), 10_000, 100);
    expect(delivered.payload).toMatchObject({ bytes: big.packageSizeBytes, match: true });
  });

  it('registers a download cut short as interrupted, with the bytes that had left (R16.6)', async () => {
    const id = await bigItem();
    const link = await post(`/v1/evidence-items/${id}/delivery-links`, officer('zhang'));
    let deliveryId = '';
    const received = await new Promise<number>((resolve, reject) => {
      const req = http.get(`${custody.url}${link.body.url}`, (res) => {
        expect(res.statusCode).toBe(200);
        deliveryId = String(res.headers['x-custos-delivery-id']);
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes >= MIB) {
            req.destroy();
            resolve(bytes);
          }
        });
        res.on('end', () => reject(new Error('the whole package arrived; the test needs a cut')));
      });
      req.on('error', () => undefined);
    });

    const line = await waitFor(
      'the interrupted delivery in the register',
      async () => {
        const register = await get('/v1/access-register?limit=500', officer('zhang'));
        return register.body.items.find((e: { entryId: string; endReason: string | null }) => e.entryId === deliveryId && e.endReason !== null);
      },
      30_000,
      200,
    );
    expect(line).toMatchObject({ evidenceItemId: id, accessKind: 'DELIVERY', endReason: 'CLIENT_GONE', sha256: null });
    expect(line.bytes).toBeGreaterThanOrEqual(received);
    expect(line.bytes).toBeLessThan(big.packageSizeBytes);
    expect((await typesOf(id)).slice(-2)).toEqual(['custody.PackageDeliveryStarted', 'custody.PackageDeliveryInterrupted']);
    expect((await get(`/v1/evidence-items/${id}`, officer('zhang'))).body).toMatchObject({ status: 'HANDED_OVER', alarm: false });
  });

  it('registers a download storage failed to finish as interrupted, and the reader gets no complete package (R16.6)', async () => {
    const id = await bigItem();
    const link = await post(`/v1/evidence-items/${id}/delivery-links`, officer('li'));
    breakNextPackageAfter = 2 * MIB;
    const outcome = await new Promise<{ deliveryId: string; bytes: number; complete: boolean }>((resolve) => {
      http
        .get(`${custody.url}${link.body.url}`, (res) => {
          let bytes = 0;
          res.on('data', (chunk: Buffer) => (bytes += chunk.length));
          const done = (complete: boolean) => resolve({ deliveryId: String(res.headers['x-custos-delivery-id']), bytes, complete });
          res.on('end', () => done(res.complete));
          res.on('error', () => done(false));
          res.on('aborted', () => done(false));
        })
        .on('error', () => undefined);
    });
    expect(outcome.complete).toBe(false);
    expect(outcome.bytes).toBeLessThan(big.packageSizeBytes);
    const line = await waitFor(
      'the failed delivery in the register',
      async () => (await get('/v1/access-register?limit=500', officer('li'))).body.items.find((e: { entryId: string; endReason: string | null }) => e.entryId === outcome.deliveryId && e.endReason !== null),
      30_000,
      200,
    );
    expect(line).toMatchObject({ evidenceItemId: id, endReason: 'SOURCE_FAILED', sha256: null });
    expect(line.bytes).toBeLessThanOrEqual(2 * MIB);
  });
});
