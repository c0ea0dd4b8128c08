import { SERVICES } from '@custos/contracts';
import { bootstrapService, ConfigValidationError, JsonLogger, loadConfig } from '@custos/platform';
import { createTestDatabase, waitFor } from '@custos/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Pool } from 'pg';
import type { RunningService } from './embedded-stack';
import { lifecycleSteps } from './lifecycle-steps';
import { DEMO_CASE_REFERENCE, demoClient, itemsOfPages, seedDemoData } from './seed-demo-data';
import { EMBEDDED_SERVICES } from './services';
import { ApprovalsConfig } from '../../services/approvals/src/approvals.config';
import { verifyLedgerExport } from '@custos/ledger-core';

/**
 * The six services cooperating through the embedded bus, as `npm start` runs them: the same
 * root modules (EMBEDDED_SERVICES), in this process, EVENT_BUS=embedded and EMBEDDED_MODE=true,
 * the demo data seeded by `seedDemoData`, and a request through its life over HTTP with tokens
 * of the development issuer on the registry. Registry facts reach requests and approvals over
 * the registry's API with their SERVICE tokens; the request's events reach approvals, and the
 * decision comes back to requests, through the embedded bus.
 *
 * Differences from `startEmbeddedStack`, so that the suite runs beside `npm start` and other
 * suites: the databases (one per service, and the bus's) are fresh ones on the harness's
 * Postgres instead of the embedded Postgres in `.custos/embedded` (fixed port 5433, and an ESM
 * package Jest cannot load), the ports are free ones instead of 3001–3006, and the local
 * footage store, the keys and the ledger's checkpoints are in a temporary folder. `deploy/embedded/smoke.ts` covers `startEmbeddedStack`.
 */
describe('the access lifecycle across the six services on the embedded bus (R16.5, R17.1, R17.3, R18.1, R18.5)', () => {
  const services: RunningService[] = [];
  const databases = new Map<string, string>();
  let storeDir: string;
  let as: ReturnType<typeof demoClient>;
  let requestsUrl: string;
  let approvalsUrl: string;
  const run = `E2E-${Date.now().toString(36)}`;

  beforeAll(async () => {
    storeDir = mkdtempSync(path.join(tmpdir(), 'custos-lifecycle-'));
    const ports = await freePorts(EMBEDDED_SERVICES.length);
    const portOf = (name: string) => ports[EMBEDDED_SERVICES.findIndex((s) => s.name === name)];
    const registryUrl = `http://127.0.0.1:${portOf('registry')}`;
    const bus = await createTestDatabase('lifecycle-bus');
    const logger = new JsonLogger({ service: 'custos-lifecycle', level: 'error' });
    for (const service of EMBEDDED_SERVICES) {
      databases.set(service.name, await createTestDatabase(`lifecycle-${service.name}`));
      const config = loadConfig(service.configClass, {
        PORT: String(portOf(service.name)),
        DATABASE_URL: databases.get(service.name),
        EVENT_BUS: 'embedded',
        EVENT_BUS_DATABASE_URL: bus,
        EMBEDDED_MODE: 'true',
        LOG_LEVEL: 'error',
        CUSTOS_AUTH_ISSUER: registryUrl,
        CUSTOS_AUTH_JWKS_URL: `${registryUrl}/.well-known/jwks.json`,
        REGISTRY_URL: registryUrl,
        LOCAL_STORE_DIR: path.join(storeDir, 'store'),
        // Keys and checkpoints of this run's own log, never those of `npm start` in .custos/embedded.
        CUSTODY_KEYS_DIR: path.join(storeDir, 'keys'),
        LEDGER_KEYS_DIR: path.join(storeDir, 'keys'),
        EVENT_KEYS_DIR: path.join(storeDir, 'keys'),
        LEDGER_CHECKPOINT_DIR: path.join(storeDir, 'checkpoints'),
      });
      const app = await bootstrapService(service.rootModule(config), { name: service.name, config, logger, shutdownHooks: false });
      services.push({ name: service.name, url: `http://127.0.0.1:${config.PORT}`, app });
    }
    requestsUrl = services.find((s) => s.name === 'requests')!.url;
    approvalsUrl = services.find((s) => s.name === 'approvals')!.url;
    as = demoClient(registryUrl);
    await seedDemoData(services);
  });

  afterAll(async () => {
    await Promise.allSettled(services.map((s) => s.app.close()));
    if (storeDir) rmSync(storeDir, { recursive: true, force: true });
  });

  const steps = () => lifecycleSteps({ as, requestsUrl, approvalsUrl });
  const fileAndCoSign = (kind: 'VIEW' | 'COPY', caseReference: string) => steps().fileAndCoSign(kind, caseReference);
  const inApprovalQueue = (requestId: string) => steps().inApprovalQueue(requestId);
  const ownerQueueItem = (requestId: string) => steps().ownerQueueItem(requestId);

  it('routes a co-signed COPY to the Yanta head, whose approval reaches the officer and the owner queue with the document (R17.3, R18.1, R18.5)', async () => {
    const id = await fileAndCoSign('COPY', `${run}-COPY`);
    await waitFor('the approval case through the embedded bus', () => inApprovalQueue(id), 30_000, 200);
    // R17.3: a public security head at county level or above whose jurisdiction covers Yanta (the
    // Xi'an city head too); not the police station below county, not another administration.
    for (const [head, competent] of [['head.xian', true], ['head.xiaozhai', false], ['head.amr', false]] as const) {
      expect([head, (await steps().inApprovalQueue(id, head)) === true]).toEqual([head, competent]);
    }
    expect(await ownerQueueItem(id)).toBeUndefined();

    const approved = await (await as('head.yanta')).post<{ signedDocument: { document: { number: string } } }>(
      `${approvalsUrl}/v1/approval-cases/${id}/approve`,
      {},
    );
    const documentNumber = approved.signedDocument.document.number;
    expect(documentNumber).toEqual(expect.any(String));

    const view = await waitFor('the decision back through the embedded bus', () => steps().requestIn(id, 'APPROVED'), 30_000, 200);
    expect(view.decision).toMatchObject({ decision: 'APPROVED', documentNumber, approver: { personId: 'person-head-yanta', organisationId: 'org-psb-yanta' } });
    expect(await ownerQueueItem(id)).toMatchObject({
      kind: 'COPY',
      status: 'APPROVED',
      credentialNumbers: ['61011300101', '61011300102'],
      decision: { decision: 'APPROVED', documentNumber },
    });
    expect(await inApprovalQueue(id)).toBeUndefined();
  });

  it('puts a co-signed VIEW straight into the owner queue, with no approval case (R17.1, R16.5)', async () => {
    const id = await fileAndCoSign('VIEW', `${run}-VIEW`);
    const item = await ownerQueueItem(id);
    expect(item).toMatchObject({ kind: 'VIEW', status: 'REGISTERED', ownerOrganisationIds: ['org-owner-mall'] });
    const mine = await (await as('officer.li')).get<{ status: string }>(`${requestsUrl}/v1/requests/${id}`);
    expect(mine.status).toBe('REGISTERED');
    expect(await inApprovalQueue(id)).toBeUndefined();
  });

  it('seeds one demo request through its life, once however often the stack starts', async () => {
    await seedDemoData(services);
    const li = await as('officer.li');
    const mine = await itemsOfPages<{ requestId: string; caseReference: string; status: string }>(li, `${requestsUrl}/v1/requests/mine?kind=COPY&limit=200`);
    const demo = mine.filter((r) => r.caseReference === DEMO_CASE_REFERENCE);
    expect(demo).toEqual([expect.objectContaining({ status: 'APPROVED' })]);
    expect(await ownerQueueItem(demo[0].requestId)).toMatchObject({ kind: 'COPY', status: 'APPROVED', caseReference: DEMO_CASE_REFERENCE });
  });

  it('records a refused access to requests and to approvals as an AccessDenied event of that service (R3.1, R26.1)', async () => {
    const owner = await as('operator.mall');
    await expect(owner.get(`${requestsUrl}/v1/owners/org-owner-bank/fulfilment-queue`)).rejects.toThrow(/answered 403/);
    await expect(owner.get(`${approvalsUrl}/v1/approval-cases`)).rejects.toThrow(/answered 403/);
    for (const [service, path] of [
      ['requests', '/v1/owners/org-owner-bank/fulfilment-queue'],
      ['approvals', '/v1/approval-cases'],
    ]) {
      const pool = new Pool({ connectionString: databases.get(service), max: 1 });
      try {
        const denial = await waitFor(
          `${service}.AccessDenied`,
          async () => {
            const { rows } = await pool.query(
              `SELECT envelope FROM es_events WHERE aggregate_id = $1 AND type = $2 AND envelope->'payload'->>'path' = $3
               ORDER BY sequence DESC LIMIT 1`,
              [`access-denials:${service}`, `${service}.AccessDenied`, path],
            );
            return rows[0]?.envelope as { service: string; payload: Record<string, unknown> } | undefined;
          },
          10_000,
          100,
        );
        expect(denial).toMatchObject({ service, payload: { status: 403, method: 'GET', path, subject: 'dev:operator.mall' } });
      } finally {
        await pool.end();
      }
    }
  });

  // The ledger on the demo data that `npm start` seeds (R5.1): the registry files organisations
  // under `organisation:<id>` while actors and payloads name `<id>`, and segments' payloads name
  // no division, so only the seeded log itself shows whether oversight can read it.

  /** Waits until every event the services appended so far is a leaf of the ledger; returns the leaf count. */
  async function ledgerCaughtUp(): Promise<number> {
    let total = 0;
    // The services whose events the ledger records (SERVICES), of those the launcher runs.
    for (const service of EMBEDDED_SERVICES.map((s) => s.name).filter((name) => (SERVICES as readonly string[]).includes(name))) {
      total += Number((await query(service, 'SELECT count(*) FROM es_events'))[0].count);
    }
    return waitFor(
      `${total} events in the Merkle log`,
      async () => {
        const leaves = Number((await query('ledger', 'SELECT count(*) FROM ledger_leaves'))[0].count);
        return leaves >= total ? leaves : undefined;
      },
      60_000,
      200,
    );
  }

  async function query(service: string, sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
    const pool = new Pool({ connectionString: databases.get(service), max: 1 });
    try {
      return (await pool.query(sql, params)).rows;
    } finally {
      await pool.end();
    }
  }

  const firstSegment = async () =>
    String((await query('ledger', "SELECT aggregate_id FROM ledger_leaves WHERE aggregate_id LIKE 'segment:%' ORDER BY leaf_index LIMIT 1"))[0].aggregate_id);

  it('lets the provincial oversight demo user export the whole seeded log, verify it offline, and read its entries (R5.1)', async () => {
    const leaves = await ledgerCaughtUp();
    const oversight = await as('oversight.shaanxi');
    const ledgerUrl = services.find((s) => s.name === 'ledger')!.url;
    const verified = await waitFor(
      'an export whose every entry is signed',
      async () => {
        const result = verifyLedgerExport(await oversight.get(`${ledgerUrl}/v1/ledger/export`));
        if (!result.ok) throw new Error(`the export does not verify: ${JSON.stringify(result.error)}`);
        return result.value.entries >= leaves && result.value.signedSize === result.value.entries ? result.value : undefined;
      },
      30_000,
      300,
    );
    expect(verified.entries).toBeGreaterThanOrEqual(leaves);
    const entries = await oversight.get<{ items: unknown[] }>(`${ledgerUrl}/v1/ledger/entries?limit=50`);
    expect(entries.items).toHaveLength(50);
  });

  it("records only events signed by their own service's key, the keys made up and pinned by the embedded mode (issue 16)", async () => {
    await ledgerCaughtUp();
    const leaves = await query('ledger', 'SELECT service, entry FROM ledger_leaves');
    const unsigned = leaves
      .map((r) => ({ service: r.service as string, sig: JSON.parse((r.entry as Buffer).toString('utf8')).sig }))
      .filter(({ service, sig }) => sig?.alg !== 'Ed25519' || !String(sig.kid).startsWith(`${service}-`));
    expect(leaves.length).toBeGreaterThan(0);
    expect(unsigned).toEqual([]);
  });

  it("places the demo officers' and operators' records, the organisations' own streams and the mall's segments for provincial oversight (R5.1)", async () => {
    await ledgerCaughtUp();
    const oversight = await as('oversight.shaanxi');
    const ledgerUrl = services.find((s) => s.name === 'ledger')!.url;
    for (const aggregate of ['officer:off-yanta-li', 'operator:op-bank-operator', 'organisation:org-owner-mall', await firstSegment()]) {
      const history = await oversight.get<{ items: unknown[] }>(`${ledgerUrl}/v1/ledger/aggregates/${aggregate}/history`);
      expect([aggregate, history.items.length > 0]).toEqual([aggregate, true]);
    }
  });

  /** officer.wu tries to delete a segment's original, which storage refuses (R16.3). */
  async function refusedDelete(segment: string): Promise<void> {
    const storageUrl = services.find((s) => s.name === 'storage')!.url;
    const wu = await as('officer.wu');
    const refused = await fetch(`${storageUrl}/v1/footage/segments/${segment.slice('segment:'.length)}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${wu.token}` },
    });
    expect([refused.status >= 400, refused.status < 500]).toEqual([true, true]);
  }

  it("does not open a segment's ledger history to an officer refused deleting it (R16.3, R5.1, R3.1)", async () => {
    const segment = await firstSegment();
    const ledgerUrl = services.find((s) => s.name === 'ledger')!.url;
    const wu = await as('officer.wu');
    await refusedDelete(segment);
    await ledgerCaughtUp();
    // The attempt is in the log, on the segment's stream, with officer.wu's organ as its actor.
    const attempts = await query('ledger', "SELECT entry FROM ledger_leaves WHERE aggregate_id = $1 AND event_type = 'storage.OriginalAlterationRefused'", [segment]);
    expect(attempts.map((r) => JSON.parse((r.entry as Buffer).toString('utf8')).actor.organisationId)).toContain('org-ps-xiaozhai');
    await expect(wu.get(`${ledgerUrl}/v1/ledger/aggregates/${segment}/history`)).rejects.toThrow(/answered 403/);
    await (await as('operator.mall')).get(`${ledgerUrl}/v1/ledger/aggregates/${segment}/history`);
  });

  it("records oversight's finding on each attempt to delete an original in the ledger, as oversight's own leaf caused by the attempt (R16.3, R5.1)", async () => {
    const segment = await firstSegment();
    await refusedDelete(segment);
    await ledgerCaughtUp();
    const attempts = (await query('ledger', "SELECT event_id FROM ledger_leaves WHERE aggregate_id = $1 AND event_type = 'storage.OriginalAlterationRefused'", [segment])).map((r) => String(r.event_id));
    expect(attempts.length).toBeGreaterThan(0);
    // Oversight raises its finding from the attempt on its topic; the ledger records that act from oversight's topic.
    const causes = await waitFor(
      'a finding of oversight in the log for every attempt',
      async () => {
        const findings = await query('ledger', "SELECT entry FROM ledger_leaves WHERE service = 'oversight' AND event_type = 'oversight.FindingRaised'");
        const caused = new Set(findings.map((r) => String(JSON.parse((r.entry as Buffer).toString('utf8')).causationId)));
        return attempts.every((a) => caused.has(a)) ? caused : undefined;
      },
      60_000,
      200,
    );
    expect(causes.size).toBeGreaterThanOrEqual(attempts.length);
  });
});

describe('the approvals key-encryption secret (R18.5)', () => {
  it('has a development-only default in the embedded mode, refused outside it without echoing the value', () => {
    expect(loadConfig(ApprovalsConfig, { EMBEDDED_MODE: 'true' }).APPROVALS_KEY_ENCRYPTION_SECRET).toMatch(/dev-only/);
    let refused: unknown;
    try {
      loadConfig(ApprovalsConfig, { EMBEDDED_MODE: 'false' });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ConfigValidationError);
    expect((refused as ConfigValidationError).problems).toEqual([
      expect.objectContaining({ variable: 'APPROVALS_KEY_ENCRYPTION_SECRET', given: '(hidden)' }),
    ]);
    const fromTheVault = 'q4Zt0c1bX2mJ9pVnR7sK3wY8eH5uL6aD0fG1iO2jM4k=';
    expect(loadConfig(ApprovalsConfig, { EMBEDDED_MODE: 'false', APPROVALS_KEY_ENCRYPTION_SECRET: fromTheVault }).EMBEDDED_MODE).toBe(false);
  });
});

/** `count` ports free on the loopback interface right now. */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<ReturnType<typeof createServer>>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => resolve(server));
    })),
  );
  const ports = servers.map((s) => (s.address() as { port: number }).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}
