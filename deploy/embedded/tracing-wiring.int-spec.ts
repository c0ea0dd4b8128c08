import { randomBytes, randomUUID } from 'node:crypto';
import { DynamicModule, INestApplication } from '@nestjs/common';
import { loadConfig } from '@custos/platform';
import { createTestDatabase, devToken, freePort, OtlpReceiver, ReceivedSpan, startOtlpReceiver, startTestApp, waitFor } from '@custos/testing';
import { Pool } from 'pg';
import request from 'supertest';
import { AppModule as ApprovalsAppModule } from '../../services/approvals/src/app.module';
import { ApprovalsConfig } from '../../services/approvals/src/approvals.config';
import { AppModule as RequestsAppModule } from '../../services/requests/src/app.module';
import { RequestsConfig } from '../../services/requests/src/requests.config';
import { serviceClientSettings, startWiredRegistry } from './wiring.test-support';

const SERVER = 2;
const CLIENT = 3;
const PRODUCER = 4;
const CONSUMER = 5;

/** A W3C `traceparent` of a caller outside Custos (a gateway, a test), with ids of our choosing. */
function callerTrace(): { traceId: string; spanId: string; traceparent: string } {
  const traceId = randomBytes(16).toString('hex');
  const spanId = randomBytes(8).toString('hex');
  return { traceId, spanId, traceparent: `00-${traceId}-${spanId}-01` };
}

/**
 * Traces and correlation ids across services (issue 15): the registry, requests and approvals
 * wired as in production (their AppModules, EVENT_BUS=kafka on the harness's brokers, client
 * credentials) and exporting their spans over OTLP/HTTP to a receiver of the test. One officer
 * request is filed and co-signed over HTTP; approvals opens its case from the co-signature it
 * consumes through Kafka.
 */
describe('traces and correlation ids across HTTP and Kafka (issue 15)', () => {
  const apps: INestApplication[] = [];
  let receiver: OtlpReceiver;
  let registryUrl: string;
  let requests: INestApplication;
  let approvals: INestApplication;
  let approvalsPool: Pool;

  const start = async (moduleDef: DynamicModule, service: string, port: number) => {
    const { app } = await startTestApp(moduleDef, { service, port });
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    const tracing = { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_BSP_SCHEDULE_DELAY: '100' };
    const registry = await startWiredRegistry('tracing', tracing);
    apps.push(registry.app);
    registryUrl = registry.url;
    const settingsOf = async (service: string) => {
      const port = await freePort();
      const databaseUrl = await createTestDatabase(`tracing-${service}`);
      const env = { ...registry.common, ...tracing, PORT: String(port), DATABASE_URL: databaseUrl, EMBEDDED_MODE: 'false', REGISTRY_URL: registryUrl, ...serviceClientSettings(`service.${service}`) };
      return { port, databaseUrl, env };
    };
    const r = await settingsOf('requests');
    requests = await start(RequestsAppModule.forRoot(loadConfig(RequestsConfig, r.env)), 'requests', r.port);
    const a = await settingsOf('approvals');
    const approvalsEnv = { ...a.env, APPROVALS_KEY_ENCRYPTION_SECRET: randomBytes(32).toString('hex') };
    approvals = await start(ApprovalsAppModule.forRoot(loadConfig(ApprovalsConfig, approvalsEnv)), 'approvals', a.port);
    approvalsPool = new Pool({ connectionString: a.databaseUrl, max: 2 });
    approvalsPool.on('error', () => undefined);
  });

  afterAll(async () => {
    await approvalsPool?.end();
    for (const app of apps.reverse()) await app.close().catch(() => undefined);
    await receiver?.close();
  });

  const as = async (username: string) => `Bearer ${await devToken(registryUrl, username)}`;
  const spansWhere = (description: string, found: (spans: readonly ReceivedSpan[]) => ReceivedSpan | undefined) =>
    waitFor(description, async () => found(receiver.spans), 30_000, 100);

  it('continues a request into the registry and, through Kafka, into approvals: one trace, the consumer a child of the append that stored the event, the correlation id carried along (issue 15)', async () => {
    const filing = callerTrace();
    const filingCorrelation = `filing-${randomUUID()}`;
    const now = Date.now();
    const filed = await request(requests.getHttpServer())
      .post('/v1/requests')
      .set({ authorization: await as('officer.li'), traceparent: filing.traceparent, 'x-correlation-id': filingCorrelation })
      .send({
        kind: 'COPY',
        caseReference: 'TRACE-1',
        purpose: 'tracing: a robbery at the mall entrance',
        cameraIds: ['cam-mall-main-entrance'],
        window: { from: new Date(now - 2 * 3_600_000).toISOString(), to: new Date(now - 3_600_000).toISOString() },
      });
    expect(filed.status).toBe(201);
    const requestId = filed.body.requestId as string;

    const coSigning = callerTrace();
    const coSigningCorrelation = `co-signing-${randomUUID()}`;
    const coSigned = await request(requests.getHttpServer())
      .post(`/v1/requests/${requestId}/co-sign`)
      .set({ authorization: await as('officer.zhang'), traceparent: coSigning.traceparent, 'x-correlation-id': coSigningCorrelation })
      .send({});
    expect(coSigned.status).toBeLessThan(300);

    // HTTP: the requests service's server span continues the caller's trace, named by its route;
    // its call to the registry carries the trace and the correlation id to the registry's span.
    const filingServer = await spansWhere('the filing server span', (spans) =>
      spans.find((s) => s.service === 'requests' && s.kind === SERVER && s.traceId === filing.traceId),
    );
    expect(filingServer).toMatchObject({
      name: 'POST /v1/requests',
      parentSpanId: filing.spanId,
      attributes: expect.objectContaining({ 'http.route': '/v1/requests', 'http.response.status_code': 201, 'custos.correlation_id': filingCorrelation }),
    });
    const registryServer = await spansWhere("the registry's server span", (spans) =>
      spans.find((s) => s.service === 'registry' && s.kind === SERVER && s.traceId === filing.traceId),
    );
    const registryClient = receiver.spans.find((s) => s.spanId === registryServer.parentSpanId);
    expect(registryClient).toMatchObject({ service: 'requests', kind: CLIENT, traceId: filing.traceId });
    expect(registryServer.attributes['custos.correlation_id']).toBe(filingCorrelation);

    // Kafka: approvals handles the co-signature in a consumer span whose parent is the append
    // (producer span) in requests, inside the co-signing request's trace.
    const consumed = await spansWhere("approvals' consumer span", (spans) =>
      spans.find((s) => s.service === 'approvals' && s.kind === CONSUMER && s.traceId === coSigning.traceId && s.name === 'process requests.RequestCoSigned'),
    );
    const append = receiver.spans.find((s) => s.spanId === consumed.parentSpanId);
    expect(append).toMatchObject({ service: 'requests', kind: PRODUCER, traceId: coSigning.traceId, name: 'append requests' });
    const coSignServer = receiver.spans.find((s) => s.service === 'requests' && s.kind === SERVER && s.traceId === coSigning.traceId);
    expect(coSignServer).toMatchObject({ name: 'POST /v1/requests/:id/co-sign', parentSpanId: coSigning.spanId });
    expect(consumed.attributes['custos.correlation_id']).toBe(coSigningCorrelation);
    // The case approvals opens is appended inside the consumer's span, and the relay's publish links the append.
    await spansWhere("approvals' own append", (spans) => spans.find((s) => s.service === 'approvals' && s.kind === PRODUCER && s.parentSpanId === consumed.spanId));
    await spansWhere("the requests relay's publish", (spans) =>
      spans.find((s) => s.service === 'requests' && s.name.startsWith('publish ') && s.links.some((l) => l.spanId === append!.spanId)),
    );

    // The correlation id is recorded with the event it caused in approvals, with its trace.
    const { rows } = await approvalsPool.query(`SELECT envelope FROM es_events WHERE aggregate_id = $1 AND type = 'approvals.ApprovalCaseOpened'`, [requestId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].envelope).toMatchObject({ correlationId: coSigningCorrelation, trace: { traceparent: expect.stringContaining(coSigning.traceId) } });

    // The head's approval: every event it causes in approvals, the organ's first signing key
    // included, records the approval's correlation id; its server span carries it too.
    const approval = callerTrace();
    const approvalCorrelation = `approval-${randomUUID()}`;
    const { rows: head } = await approvalsPool.query<{ last: string }>('SELECT last FROM es_sequence');
    const approved = await request(approvals.getHttpServer())
      .post(`/v1/approval-cases/${requestId}/approve`)
      .set({ authorization: await as('head.yanta'), traceparent: approval.traceparent, 'x-correlation-id': approvalCorrelation })
      .send({});
    expect(approved.status).toBe(200);
    const { rows: caused } = await approvalsPool.query<{ type: string; correlation: string }>(
      `SELECT type, envelope->>'correlationId' AS correlation FROM es_events WHERE sequence > $1 ORDER BY sequence`,
      [head[0].last],
    );
    expect(caused.map((r) => r.type)).toEqual(expect.arrayContaining(['approvals.SigningKeyCreated', 'approvals.ApprovalGranted']));
    expect(new Set(caused.map((r) => r.correlation))).toEqual(new Set([approvalCorrelation]));
    await spansWhere("the approval's server span", (spans) =>
      spans.find((s) => s.service === 'approvals' && s.kind === SERVER && s.traceId === approval.traceId && s.attributes['custos.correlation_id'] === approvalCorrelation),
    );
    expect(receiver.refused).toEqual([]);
  });
});
