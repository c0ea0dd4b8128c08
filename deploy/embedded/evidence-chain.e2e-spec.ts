import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { verifyEvidenceBundle } from '@custos/ledger-core';
import { bootstrapService, JsonLogger, loadConfig } from '@custos/platform';
import { createTestBucket, createTestDatabase, freePort, testInfra, uniqueTopicPrefix, waitFor } from '@custos/testing';
import type { RunningService } from './embedded-stack';
import { demoClient, seedDemoData } from './seed-demo-data';
import { EMBEDDED_SERVICES } from './services';

type Client = Awaited<ReturnType<ReturnType<typeof demoClient>>>;

interface RegisterLine {
  accessKind: string;
  evidenceItemId: string;
  viewingSessionId: string | null;
  requestingOrganisationId: string;
  persons: { personId: string; credentialNumber: string }[];
  purpose: string;
  approvalDocumentNumber: string | null;
  endedAt: string | null;
  endReason: string | null;
}

/**
 * The whole evidence chain through the broker (issue 6, "End to end through the broker"): the six
 * services as `npm start` wires them (their root modules from configuration, the development
 * issuer on the registry), but with EVENT_BUS=kafka on the harness's broker, storage on the
 * harness's S3 with Object Lock, and every database on the harness's Postgres.
 *
 * VIEW: filed, co-signed, learnt by custody from the requests topic, a session opened by the
 * owner, joined by both officers, played with a range request, closed, and registered.
 * COPY: filed, co-signed, approved by the competent head, exported by the owner, opened as an
 * evidence item by custody from the storage topic, handed over to two officers on the approval
 * document, downloaded through a delivery link, received with a re-hash, transferred and
 * acknowledged, every step registered, and its history proven by the ledger's evidence bundle.
 */
describe('the evidence chain end to end through the broker (R16.6, R17.3, R18.1–R18.5)', () => {
  const services: RunningService[] = [];
  let scratch: string;
  let as: (username: string) => Promise<Client>;
  const url = (name: string) => services.find((s) => s.name === name)!.url;
  const run = `CHAIN-${Date.now().toString(36)}`;
  const clip = readFileSync(path.join(__dirname, 'demo-footage', 'cam-entrance.mp4'));

  beforeAll(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'custos-chain-'));
    const infra = testInfra();
    const topicPrefix = uniqueTopicPrefix('chain');
    const footageBucket = await createTestBucket('chain-footage', { objectLock: true });
    const ports = await Promise.all(EMBEDDED_SERVICES.map(() => freePort()));
    const registryUrl = `http://127.0.0.1:${ports[0]}`;
    const logger = new JsonLogger({ service: 'custos-chain', level: 'error' });
    for (const [index, service] of EMBEDDED_SERVICES.entries()) {
      const config = loadConfig(service.configClass, {
        PORT: String(ports[index]),
        DATABASE_URL: await createTestDatabase(`chain-${service.name}`),
        EVENT_BUS: 'kafka',
        KAFKA_BROKERS: infra.kafkaBrokers.join(','),
        KAFKA_TOPIC_PREFIX: topicPrefix,
        EMBEDDED_MODE: 'true',
        LOG_LEVEL: 'error',
        CUSTOS_AUTH_ISSUER: registryUrl,
        CUSTOS_AUTH_JWKS_URL: `${registryUrl}/.well-known/jwks.json`,
        REGISTRY_URL: registryUrl,
        APPROVALS_URL: `http://127.0.0.1:${ports[EMBEDDED_SERVICES.findIndex((s) => s.name === 'approvals')]}`,
        STORAGE_URL: `http://127.0.0.1:${ports[EMBEDDED_SERVICES.findIndex((s) => s.name === 'storage')]}`,
        STORAGE_DRIVER: 's3',
        S3_ENDPOINT: `http://${infra.s3.endPoint}:${infra.s3.port}`,
        S3_ACCESS_KEY: infra.s3.accessKey,
        S3_SECRET_KEY: infra.s3.secretKey,
        S3_REGION: infra.s3.region,
        S3_BUCKET_FOOTAGE: footageBucket,
        LOCAL_STORE_DIR: path.join(scratch, 'store'),
        CUSTODY_KEYS_DIR: path.join(scratch, 'keys'),
        LEDGER_KEYS_DIR: path.join(scratch, 'keys'),
        EVENT_KEYS_DIR: path.join(scratch, 'keys'),
        LEDGER_CHECKPOINT_DIR: path.join(scratch, 'checkpoints'),
        LEDGER_CHECKPOINT_INTERVAL_MS: '500',
      });
      const app = await bootstrapService(service.rootModule(config), { name: service.name, config, logger, shutdownHooks: false });
      services.push({ name: service.name, url: `http://127.0.0.1:${config.PORT}`, app });
    }
    as = demoClient(registryUrl);
    await seedDemoData(services);
  });

  afterAll(async () => {
    await Promise.allSettled(services.map((s) => s.app.close()));
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  /** A past hour of its own, hours before the demo data's: an export holds only this test's segment. */
  const hoursAgo = (start: number) => {
    const now = Date.now();
    return { from: new Date(now - start * 3_600_000).toISOString(), to: new Date(now - (start - 1) * 3_600_000).toISOString() };
  };

  async function fileAndCoSign(kind: 'VIEW' | 'COPY' | 'DIRECT_ACCESS', window: { from: string; to: string }): Promise<string> {
    const filed = await (await as('officer.li')).post<{ requestId: string }>(`${url('requests')}/v1/requests`, {
      kind,
      caseReference: `${run}-${kind}`,
      purpose: `e2e ${kind}: the bag snatching at the mall entrance`,
      cameraIds: ['cam-mall-main-entrance'],
      window,
    });
    await (await as('officer.zhang')).post(`${url('requests')}/v1/requests/${filed.requestId}/co-sign`, {});
    return filed.requestId;
  }

  /** The owner ingests the clip as footage of the entrance camera, one minute into the window. */
  async function ingestClip(operator: Client, segmentId: string, window: { from: string }): Promise<void> {
    const from = new Date(Date.parse(window.from) + 60_000);
    const query = new URLSearchParams({
      cameraId: 'cam-mall-main-entrance',
      from: from.toISOString(),
      to: new Date(from.getTime() + 8_000).toISOString(),
      container: 'mp4',
      codec: 'h264',
    });
    const response = await fetch(`${url('storage')}/v1/footage/segments/${segmentId}?${query.toString()}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${operator.token}`, 'content-type': 'video/mp4' },
      body: clip,
    });
    expect([response.status, await response.text()]).toEqual([201, expect.any(String)]);
  }

  async function register(client: Client): Promise<RegisterLine[]> {
    const lines: RegisterLine[] = [];
    for (let cursor: string | null = null; ; ) {
      const query: string = cursor ? `?limit=200&cursor=${encodeURIComponent(cursor)}` : '?limit=200';
      const page: { items: RegisterLine[]; nextCursor: string | null } = await client.get(`${url('custody')}/v1/access-register${query}`);
      lines.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) return lines;
    }
  }

  it('VIEW: co-signed, the session opened by the owner, joined by both officers, played by range, closed and registered (R18.1–R18.4, R16.6)', async () => {
    const window = hoursAgo(8);
    const requestId = await fileAndCoSign('VIEW', window);
    const operator = await as('operator.mall');
    await ingestClip(operator, `${run}-view-seg`, window);
    await waitFor(
      'the co-signed VIEW in custody, through the requests topic',
      async () => {
        const known = await operator.get<{ items: { requestId: string }[] }>(`${url('custody')}/v1/view-requests`);
        return known.items.some((r) => r.requestId === requestId) || undefined;
      },
      60_000,
      250,
    );
    const opened = await operator.post<{ sessionId: string; status: string }>(`${url('custody')}/v1/viewing-sessions`, { requestId, durationMinutes: 30 });
    expect(opened.status).toBe('OPEN');
    const session = `${url('custody')}/v1/viewing-sessions/${opened.sessionId}`;
    const li = await as('officer.li');
    const zhang = await as('officer.zhang');
    await li.post(`${session}/join`, {});
    const joined = await zhang.post<{ bothJoined: boolean }>(`${session}/join`, {});
    expect(joined.bothJoined).toBe(true);

    const links = await li.get<{ segments: { segmentId: string; url: string }[] }>(`${session}/playback-links`);
    const segment = links.segments.find((s) => s.segmentId === `${run}-view-seg`);
    expect(segment).toBeDefined();
    const played = await fetch(new URL(segment!.url, `${session}/`), { headers: { range: 'bytes=100-1123' } });
    expect(played.status).toBe(206);
    expect(Buffer.from(await played.arrayBuffer())).toEqual(clip.subarray(100, 1124));

    await operator.post(`${session}/close`, {});
    const afterClose = await fetch(new URL(segment!.url, `${session}/`), { headers: { range: 'bytes=0-1023' } });
    expect([afterClose.status, ((await afterClose.json()) as { code: string }).code]).toEqual([409, 'CUSTOS_R18_4_SESSION_CLOSED']);

    const line = (await register(operator)).find((l) => l.viewingSessionId === opened.sessionId);
    expect(line).toMatchObject({
      accessKind: 'VIEW',
      requestingOrganisationId: 'org-psb-yanta',
      purpose: 'e2e VIEW: the bag snatching at the mall entrance',
      endReason: 'CLOSED_BY_OWNER',
      persons: expect.arrayContaining([
        expect.objectContaining({ personId: 'person-officer-li', credentialNumber: '61011300101' }),
        expect.objectContaining({ personId: 'person-officer-zhang', credentialNumber: '61011300102' }),
      ]),
    });
    expect(line!.endedAt).toEqual(expect.any(String));
  });

  it('COPY: approved, exported, handed over on the document, delivered, received, transferred, registered and proven by the ledger (R17.3, R18.5, R16.6)', async () => {
    const window = hoursAgo(6);
    const requestId = await fileAndCoSign('COPY', window);
    const operator = await as('operator.mall');
    await ingestClip(operator, `${run}-copy-seg`, window);
    const head = await as('head.yanta');
    await waitFor(
      'the approval case, through the requests topic',
      async () => {
        const queue = await head.get<{ items: { requestId: string }[] }>(`${url('approvals')}/v1/approval-cases?limit=200`);
        return queue.items.some((c) => c.requestId === requestId) || undefined;
      },
      60_000,
      250,
    );
    const { signedDocument } = await head.post<{ signedDocument: { document: { number: string } } }>(
      `${url('approvals')}/v1/approval-cases/${requestId}/approve`,
      {},
    );
    const documentNumber = signedDocument.document.number;

    const exported = await operator.post<{ exportId: string; segmentIds: string[]; packageSha256: string }>(`${url('storage')}/v1/footage/exports`, {
      approval: signedDocument,
    });
    expect(exported.segmentIds).toEqual([`${run}-copy-seg`]);
    const item = await waitFor(
      'the evidence item in custody, through the storage topic',
      async () => {
        const items = await operator.get<{ items: { evidenceItemId: string; exportId: string; status: string }[] }>(`${url('custody')}/v1/evidence-items`);
        return items.items.find((i) => i.exportId === exported.exportId);
      },
      60_000,
      250,
    );
    expect(item.status).toBe('PREPARED');
    const evidence = `${url('custody')}/v1/evidence-items/${item.evidenceItemId}`;

    // One clear fulfilment (R16.5, R18.5): the owner's queue shows the package, a second export
    // needs an explicit reason, and the officers find the export of their own request.
    type Queue = { items: { requestId: string; exports: { exportId: string; exportedBy: { subject: string } }[] }[] };
    const queued = await waitFor(
      'the export in the fulfilment queue, through the storage topic',
      async () => {
        const queue = await operator.get<Queue>(`${url('requests')}/v1/owners/org-owner-mall/fulfilment-queue?limit=200`);
        return queue.items.find((i) => i.requestId === requestId && i.exports.length > 0);
      },
      60_000,
      250,
    );
    expect(queued.exports).toEqual([expect.objectContaining({ exportId: exported.exportId, exportedBy: expect.objectContaining({ subject: expect.stringContaining('operator.mall') }) })]);
    await expect(operator.post(`${url('storage')}/v1/footage/exports`, { approval: signedDocument })).rejects.toThrow(/409.*CUSTOS_R18_5_ALREADY_EXPORTED/);
    const own = await (await as('officer.zhang')).get<{ exports: { exportId: string }[] }>(`${url('requests')}/v1/requests/${requestId}`);
    expect(own.exports.map((e) => e.exportId)).toEqual([item.evidenceItemId]);

    const li = await as('officer.li');
    const zhang = await as('officer.zhang');
    const handOver = await li.post<{ handOverId: string }>(`${evidence}/hand-overs`, { approval: signedDocument, purpose: 'e2e: evidence for case review' });
    await zhang.post(`${evidence}/hand-overs/${handOver.handOverId}/confirmation`, {});

    const link = await li.post<{ url: string; approvalDocumentNumber: string }>(`${evidence}/delivery-links`, {});
    expect(link.approvalDocumentNumber).toBe(documentNumber);
    const download = await fetch(new URL(link.url, url('custody')));
    expect(download.status).toBe(200);
    const delivered = Buffer.from(await download.arrayBuffer());
    expect(createHash('sha256').update(delivered).digest('hex')).toBe(exported.packageSha256);

    // Each officer attests the copy they hold by answering a fresh challenge; custody re-hashes the stored package itself.
    const attest = async (officer: Client) => {
      const { challenge, nonce } = await officer.post<{ challenge: string; nonce: string }>(`${evidence}/integrity-challenges`, {});
      return { challenge, response: createHash('sha256').update(nonce, 'utf8').update(delivered).digest('hex') };
    };
    expect(await li.post(`${evidence}/receipt`, await attest(li))).toMatchObject({ integrity: 'MATCH', status: 'IN_CUSTODY', attestation: { result: 'MATCH' } });
    const transfer = await li.post<{ transferId: string }>(`${evidence}/transfers`, {
      toOrganisationId: 'org-ss-xian',
      toPersonId: 'person-officer-chen',
      purpose: 'e2e: state security takes the case over',
    });
    const [chen, liu] = [await as('officer.chen'), await as('officer.liu')];
    expect(await liu.post(`${evidence}/transfers/${transfer.transferId}/acknowledgement`, await attest(liu))).toMatchObject({ transfer: 'AWAITING_SECOND_OFFICER' });
    expect(await chen.post(`${evidence}/transfers/${transfer.transferId}/acknowledgement`, await attest(chen))).toMatchObject({
      integrity: 'MATCH',
      holderOrganisationId: 'org-ss-xian',
    });

    const itemLines = (await register(operator)).filter((l) => l.evidenceItemId === item.evidenceItemId);
    const lines = itemLines.filter((l) => l.accessKind !== 'SERVICE_READ');
    // The hand-over (a copy released on the document) and the download, both by the two officers.
    expect(lines.map((l) => l.accessKind).sort()).toEqual(['COPY', 'DELIVERY']);
    // Custody's own reads of the package (the delivery, three re-hashes), each naming its service principal and the item (R16.6, issue 16).
    const serviceReads = itemLines.filter((l) => l.accessKind === 'SERVICE_READ');
    expect(serviceReads.map((l) => l.purpose.split(':')[0])).toEqual(['DELIVERY', 'INTEGRITY_CHECK', 'INTEGRITY_CHECK', 'INTEGRITY_CHECK']);
    for (const read of serviceReads) expect(read.persons.map((p) => p.personId)).toEqual([expect.stringMatching(/^service:/)]);
    for (const line of lines) {
      expect(line).toMatchObject({ approvalDocumentNumber: documentNumber, requestingOrganisationId: 'org-psb-yanta' });
      expect(line.persons.map((p) => p.personId).sort()).toEqual(['person-officer-li', 'person-officer-zhang']);
    }

    // The ledger consumed every topic: the item's whole history verifies offline.
    const oversight = await as('oversight.shaanxi');
    const bundle = await waitFor(
      "the evidence item's history in the ledger",
      async () => {
        const candidate = await oversight
          .get<{ items: { entry: string }[] }>(
            `${url('ledger')}/v1/ledger/aggregates/${encodeURIComponent(`evidence-item:${item.evidenceItemId}`)}/evidence-bundle`,
          )
          .catch(() => undefined);
        const entries = (candidate?.items ?? []).map((i) => Buffer.from(i.entry, 'base64').toString('utf8'));
        return entries.some((e) => e.includes('"custody.TransferAcknowledged"')) ? candidate : undefined;
      },
      60_000,
      500,
    );
    const verified = verifyEvidenceBundle(bundle);
    expect(verified.ok).toBe(true);
  });
  it("DIRECT_ACCESS: approved, kept out of the owner's queue, learnt by custody, used by two officers in a time-boxed session, played by range, registered (R17.4, R18.1, R16.6)", async () => {
    const now = Date.now();
    const grant = { from: new Date(now - 3_600_000).toISOString(), to: new Date(now + 2 * 3_600_000).toISOString() };
    const requestId = await fileAndCoSign('DIRECT_ACCESS', grant);
    const operator = await as('operator.mall');
    await ingestClip(operator, `${run}-direct-seg`, grant);
    const head = await as('head.yanta');
    await waitFor(
      'the direct-access case, through the requests topic',
      async () => {
        const queue = await head.get<{ items: { requestId: string }[] }>(`${url('approvals')}/v1/approval-cases?limit=200`);
        return queue.items.some((c) => c.requestId === requestId) || undefined;
      },
      60_000,
      250,
    );
    const { signedDocument } = await head.post<{ signedDocument: { document: { number: string } } }>(
      `${url('approvals')}/v1/approval-cases/${requestId}/approve`,
      {},
    );
    const li = await as('officer.li');
    const zhang = await as('officer.zhang');
    await waitFor(
      'the grant in custody, through the approvals topic',
      async () => {
        const known = await li.get<{ items: { requestId: string }[] }>(`${url('custody')}/v1/direct-access-grants`);
        return known.items.some((g) => g.requestId === requestId) || undefined;
      },
      60_000,
      250,
    );
    // Executed in custody's sessions, never fulfilled by the owner: once the requests service
    // has learnt the approval through the broker, the owner's queue still does not list it (R17.4).
    await waitFor(
      'the approval in the requests service, through the approvals topic',
      async () => ((await li.get<{ status: string }>(`${url('requests')}/v1/requests/${requestId}`)).status === 'APPROVED') || undefined,
      60_000,
      250,
    );
    const queue = await operator.get<{ items: { requestId: string }[] }>(`${url('requests')}/v1/owners/org-owner-mall/fulfilment-queue?limit=200`);
    expect(queue.items.map((i) => i.requestId)).not.toContain(requestId);
    const opened = await li.post<{ sessionId: string; status: string }>(`${url('custody')}/v1/direct-access-sessions`, { requestId, durationMinutes: 30 });
    expect(opened.status).toBe('OPEN');
    const session = `${url('custody')}/v1/direct-access-sessions/${opened.sessionId}`;
    await zhang.post(`${session}/join`, {});
    const links = await zhang.get<{ segments: { segmentId: string; url: string }[] }>(`${session}/playback-links`);
    const segment = links.segments.find((s) => s.segmentId === `${run}-direct-seg`);
    expect(segment).toBeDefined();
    const played = await fetch(new URL(segment!.url, `${session}/`), { headers: { range: 'bytes=0-1023' } });
    expect(played.status).toBe(206);
    expect(Buffer.from(await played.arrayBuffer())).toEqual(clip.subarray(0, 1024));
    await li.post(`${session}/end`, {});

    const line = (await register(operator)).find((l) => l.viewingSessionId === opened.sessionId);
    expect(line).toMatchObject({
      accessKind: 'DIRECT_ACCESS',
      requestingOrganisationId: 'org-psb-yanta',
      approvalDocumentNumber: signedDocument.document.number,
      endReason: 'ENDED_BY_OFFICERS',
    });
    expect(line!.persons.map((p) => p.personId).sort()).toEqual(['person-officer-li', 'person-officer-zhang']);
  });
});
