import { startTestIssuer, TestIssuer, Principal } from '@custos/auth';
import { KafkaTransport } from '@custos/eventstore';
import { createTestDatabase, testInfra, uniqueTopicPrefix, waitFor } from '@custos/testing';
import request from 'supertest';
import { ApprovalsTestApp, startApprovalsApp } from './testing/approvals-app';
import { RequestsProcess, startRequestsProcess } from './testing/requests-process';
import { approverPrincipal, officerPrincipal, ownerPrincipal, WORLD } from '@custos/testing';

/**
 * The Article 17–18 lifecycle across the two services through the Kafka-protocol broker: the
 * requests service (its own process) relays its events to the broker, the approvals service
 * consumes them into approval cases and relays its decisions back, which the requests service
 * consumes into the officers' and owners' read models.
 */
describe('the access lifecycle end to end through Kafka (R17.1–R17.3, R18.1, R18.5, R26.1)', () => {
  let issuer: TestIssuer;
  let approvals: ApprovalsTestApp;
  let requests: RequestsProcess;
  let transport: KafkaTransport;

  beforeAll(async () => {
    issuer = await startTestIssuer();
    const topicPrefix = uniqueTopicPrefix('lifecycle');
    const brokers = testInfra().kafkaBrokers;
    transport = new KafkaTransport({ brokers, clientId: 'approvals', sessionTimeoutMs: 6000, heartbeatIntervalMs: 500 });
    [approvals, requests] = await Promise.all([
      startApprovalsApp({ transport, topicPrefix, runWorkers: true }, issuer),
      startRequestsProcess({ databaseUrl: await createTestDatabase('requests-e2e'), brokers, topicPrefix, auth: issuer.authConfig(), registry: WORLD }),
    ]);
  });

  afterAll(async () => {
    await requests?.stop();
    await approvals?.close();
    await transport?.close();
    await issuer?.close();
  });

  async function onRequests(principal: Principal) {
    const token = await issuer.tokenFor(principal);
    return {
      get: (path: string) => request(requests.baseUrl).get(path).set('authorization', `Bearer ${token}`),
      post: (path: string, body: object = {}) => request(requests.baseUrl).post(path).set('authorization', `Bearer ${token}`).send(body),
    };
  }

  async function fileAndCoSign(kind: string): Promise<string> {
    const now = Date.now();
    const filed = await (await onRequests(officerPrincipal('station-yanta-a', 'station-yanta'))).post('/v1/requests', {
      kind,
      caseReference: 'XA-E2E-1',
      purpose: 'a robbery at the mall entrance',
      cameraIds: ['cam-mall-1', 'cam-mall-2'],
      window: { from: new Date(now - 2 * 3_600_000).toISOString(), to: new Date(now - 3_600_000).toISOString() },
    });
    expect(filed.status).toBe(201);
    const coSigned = await (await onRequests(officerPrincipal('station-yanta-b', 'station-yanta'))).post(`/v1/requests/${filed.body.requestId}/co-sign`);
    expect(coSigned.status).toBe(200);
    return filed.body.requestId;
  }

  async function inApprovalQueue(requestId: string): Promise<true | undefined> {
    const res = await (await approvals.as(approverPrincipal('psb-yanta'))).get('/v1/approval-cases?limit=200');
    return res.body.items.some((c: { requestId: string }) => c.requestId === requestId) ? true : undefined;
  }

  async function ownerQueueItem(requestId: string) {
    const res = await (await onRequests(ownerPrincipal('owner-mall'))).get('/v1/owners/owner-mall/fulfilment-queue?limit=200');
    return res.body.items.find((i: { requestId: string }) => i.requestId === requestId);
  }

  it('puts a registered view straight into the owner queue, with no approval case (R17.1, R18.1)', async () => {
    const id = await fileAndCoSign('VIEW');
    const item = await ownerQueueItem(id);
    expect(item).toMatchObject({ kind: 'VIEW', status: 'REGISTERED', credentialNumbers: ['CRED-station-yanta-A', 'CRED-station-yanta-B'] });
    expect(item.ageMs).toBeGreaterThanOrEqual(0);
  });

  it('routes a co-signed copy to the county bureau, and puts it in the owner queue with its document once approved (R17.3, R18.5)', async () => {
    const id = await fileAndCoSign('COPY');
    await waitFor('the approval case through the broker', () => inApprovalQueue(id), 90_000, 200);
    expect(await ownerQueueItem(id)).toBeUndefined();
    const approved = await (await approvals.as(approverPrincipal('psb-yanta'))).post(`/v1/approval-cases/${id}/approve`);
    expect(approved.status).toBe(200);
    const item = await waitFor('the approval back through the broker', () => ownerQueueItem(id), 90_000, 200);
    expect(item).toMatchObject({ kind: 'COPY', status: 'APPROVED', decision: { decision: 'APPROVED', documentNumber: approved.body.signedDocument.document.number } });
    expect(item.decision.signedDocument).toEqual(approved.body.signedDocument);
    const verified = await (await approvals.as(ownerPrincipal('owner-mall'))).post('/v1/approval-documents/verify', { signedDocument: item.decision.signedDocument });
    expect(verified.body).toMatchObject({ valid: true, document: { requestId: id, kind: 'COPY', scope: { cameraIds: ['cam-mall-1', 'cam-mall-2'] } } });

    const revoked = await (await approvals.as(approverPrincipal('psb-yanta'))).post(`/v1/approval-cases/${id}/revoke`, { reason: 'issued in error' });
    expect(revoked.status).toBe(200);
    await waitFor('the revocation back through the broker', async () => ((await ownerQueueItem(id)) === undefined ? true : undefined), 90_000, 200);
    const mine = await (await onRequests(officerPrincipal('station-yanta-a', 'station-yanta'))).get(`/v1/requests/${id}`);
    expect(mine.body.status).toBe('REVOKED');
  });

  it('shows the officers a denial with its reason (R26.1)', async () => {
    const id = await fileAndCoSign('RETRIEVE');
    await waitFor('the approval case through the broker', () => inApprovalQueue(id), 90_000, 200);
    const denied = await (await approvals.as(approverPrincipal('psb-yanta'))).post(`/v1/approval-cases/${id}/deny`, { reason: 'a copy is enough for this case', rule: 'R17.1' });
    expect(denied.status).toBe(200);
    const officer = await onRequests(officerPrincipal('station-yanta-b', 'station-yanta'));
    const view = await waitFor(
      'the denial back through the broker',
      async () => {
        const res = await officer.get(`/v1/requests/${id}`);
        return res.body.status === 'DENIED' ? res.body : undefined;
      },
      90_000,
      200,
    );
    expect(view.history.map((h: { status: string }) => h.status)).toEqual(['AWAITING_CO_SIGNATURE', 'AWAITING_APPROVAL', 'DENIED']);
    expect(view.history.at(-1)).toMatchObject({ status: 'DENIED', reason: 'a copy is enough for this case', by: 'head-psb-yanta' });
    expect(await ownerQueueItem(id)).toBeUndefined();
  });

  it('closes an undecided case when its request is withdrawn', async () => {
    const id = await fileAndCoSign('COPY');
    await waitFor('the approval case through the broker', () => inApprovalQueue(id), 90_000, 200);
    const withdrawn = await (await onRequests(officerPrincipal('station-yanta-a', 'station-yanta'))).post(`/v1/requests/${id}/withdraw`, { reason: 'suspect found' });
    expect(withdrawn.status).toBe(200);
    await waitFor('the case closed through the broker', async () => ((await inApprovalQueue(id)) ? undefined : true), 90_000, 200);
  });

  it('revokes the document of an approved request withdrawn afterwards, through the broker: its verification then fails (R18.5)', async () => {
    const id = await fileAndCoSign('COPY');
    await waitFor('the approval case through the broker', () => inApprovalQueue(id), 90_000, 200);
    const approved = await (await approvals.as(approverPrincipal('psb-yanta'))).post(`/v1/approval-cases/${id}/approve`);
    expect(approved.status).toBe(200);
    const withdrawn = await (await onRequests(officerPrincipal('station-yanta-b', 'station-yanta'))).post(`/v1/requests/${id}/withdraw`, { reason: 'suspect found' });
    expect(withdrawn.status).toBe(200);
    const owner = await approvals.as(ownerPrincipal('owner-mall'));
    const refused = await waitFor(
      'the revocation of the withdrawn request through the broker',
      async () => {
        const res = await owner.post('/v1/approval-documents/verify', { signedDocument: approved.body.signedDocument });
        return res.body.valid === false ? res.body : undefined;
      },
      90_000,
      200,
    );
    expect(refused).toMatchObject({ code: 'CUSTOS_R18_5_REVOKED', rule: 'R18.5' });
    const list = await owner.get('/v1/organisations/psb-yanta/revoked-approvals');
    expect(list.body.revoked).toContainEqual(
      expect.objectContaining({ number: approved.body.signedDocument.document.number, documentId: approved.body.signedDocument.document.documentId, reason: 'the request was withdrawn' }),
    );
  });
});
