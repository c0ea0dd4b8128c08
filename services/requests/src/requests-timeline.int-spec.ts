import { randomUUID } from 'node:crypto';
import {
  APPROVAL_CASE_OPENED,
  APPROVAL_GRANTED,
  ApprovalCaseOpened,
  ApprovalGranted,
  EventEnvelope,
  ExportPackaged,
  FootageNotHeld,
  STORAGE_EXPORT_PACKAGED,
  STORAGE_FOOTAGE_NOT_HELD,
} from '@custos/contracts';
import { inTransaction } from '@custos/eventstore';
import { DocumentedOperation, expectDocumentedOperations, officerPrincipal, ownerPrincipal } from '@custos/testing';
import { openApiDocumentOf } from '@custos/platform';
import { applyDecision } from './consumers/approval-decisions.consumer';
import { applyExport } from './consumers/storage-exports.consumer';
import { aRequest, RequestsTestApp, startRequestsApp } from './testing/requests-app';

const SHA = 'a'.repeat(64);

describe("a request's timeline for the officers who signed it (R17.2–R17.4, R18.1, R18.5, R26.1)", () => {
  let t: RequestsTestApp;
  const filer = officerPrincipal('psb-yanta-a', 'psb-yanta');
  const colleague = officerPrincipal('psb-yanta-b', 'psb-yanta');

  beforeAll(async () => {
    t = await startRequestsApp();
  });
  afterAll(() => t.close());

  /** What the approvals and storage services publish, applied through this service's consumers. */
  async function consumed(type: string, aggregateId: string, payload: object, personId?: string): Promise<void> {
    const actor = { subject: 'test', ...(personId ? { personId } : {}) };
    const event = { id: randomUUID(), type, aggregateId, occurredAt: new Date().toISOString(), actor, payload } as unknown as EventEnvelope;
    await inTransaction(t.pool, (tx) => (type.startsWith('storage.') ? applyExport(event, tx) : applyDecision(event, tx)));
  }

  async function approvedCopy(): Promise<{ id: string; number: string }> {
    const id = (await (await t.as(filer)).post('/v1/requests', aRequest({ kind: 'COPY' }))).body.requestId;
    const self = await (await t.as(filer)).post(`/v1/requests/${id}/co-sign`);
    expect(self.status).toBe(403);
    expect((await (await t.as(colleague)).post(`/v1/requests/${id}/co-sign`)).body.status).toBe('AWAITING_APPROVAL');
    const number = `610113-001-2026-${id.slice(0, 6)}`;
    const route = { rule: 'R17.3', approverOrgTypes: ['PUBLIC_SECURITY'], minLevel: 'COUNTY', mustBeOrgId: null, jurisdictionMustContain: '610113' };
    await consumed(APPROVAL_CASE_OPENED, id, { requestId: id, route, openedAt: new Date().toISOString() } as unknown as ApprovalCaseOpened);
    const granted: ApprovalGranted = {
      requestId: id,
      rule: 'R17.3',
      approver: { personId: 'person-head-yanta', organisationId: 'psb-yanta' },
      signedDocument: { document: { number } },
      ownerOrganisationIds: ['owner-mall'],
      decidedAt: new Date(Date.now() + 1000).toISOString(),
    };
    await consumed(APPROVAL_GRANTED, id, granted);
    return { id, number };
  }

  it('lists filed, the refused self-co-signature with its rule, co-signed, routed with its rule, approved and exported, each with time, person and organisation (R18.1, R17.3, R18.5)', async () => {
    const { id, number } = await approvedCopy();
    const exportId = randomUUID();
    const exported = { exportId, approvalDocumentNumber: number, requestId: id, organisationId: 'owner-mall', exportedAt: new Date(Date.now() + 2000).toISOString() };
    await consumed(STORAGE_EXPORT_PACKAGED, exportId, { ...exported, packageSha256: SHA } as unknown as ExportPackaged, 'owner-mall-operator');

    const res = await (await t.as(filer)).get(`/v1/requests/${id}/timeline`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ requestId: id, kind: 'COPY', organisationId: 'psb-yanta' });
    const steps = res.body.steps as { step: string; at: string }[];
    expect(steps.map((s) => s.step)).toEqual(['FILED', 'REFUSED', 'CO_SIGNED', 'ROUTED', 'APPROVED', 'EXPORTED']);
    expect(steps[0]).toMatchObject({ personId: 'psb-yanta-a', organisationId: 'psb-yanta', credentialNumber: 'CRED-psb-yanta-A' });
    expect(steps[1]).toMatchObject({ refusedStep: 'CO_SIGN', personId: 'psb-yanta-a', rule: 'R18.1', code: expect.stringMatching(/^CUSTOS_R18_1_/) });
    expect(steps[2]).toMatchObject({ personId: 'psb-yanta-b', credentialNumber: 'CRED-psb-yanta-B', outcome: 'AWAITING_APPROVAL' });
    expect(steps[3]).toMatchObject({ route: { rule: 'R17.3', approverOrgTypes: ['PUBLIC_SECURITY'], minLevel: 'COUNTY', jurisdictionMustContain: '610113' } });
    expect(steps[4]).toMatchObject({ personId: 'person-head-yanta', organisationId: 'psb-yanta', documentNumber: number });
    expect(steps[5]).toMatchObject({ exportId, organisationId: 'owner-mall', personId: 'owner-mall-operator' });
    expect([...steps].sort((a, b) => a.at.localeCompare(b.at))).toEqual(steps);
  });

  it("shows the owner's answer that nothing is held, with each camera and why (R16.7)", async () => {
    const { id, number } = await approvedCopy();
    const answer: Partial<FootageNotHeld> = {
      answerId: randomUUID(),
      requestId: id,
      approvalDocumentNumber: number,
      organisationId: 'owner-mall',
      cameras: [{ cameraId: 'cam-mall-1', imageSystemId: 'sys-mall', retentionDays: 30, reason: 'BEYOND_RETENTION' }],
      answeredAt: new Date(Date.now() + 3000).toISOString(),
    };
    await consumed(STORAGE_FOOTAGE_NOT_HELD, answer.answerId!, answer);
    const steps = (await (await t.as(colleague)).get(`/v1/requests/${id}/timeline`)).body.steps;
    expect(steps.at(-1)).toMatchObject({ step: 'NOT_HELD', organisationId: 'owner-mall', cameras: [{ cameraId: 'cam-mall-1', reason: 'BEYOND_RETENTION', retentionDays: 30 }] });
  });

  it("answers 404 for another organ's request and for one that does not exist, and 400 for a malformed id", async () => {
    const { id } = await approvedCopy();
    const other = await (await t.as(officerPrincipal('psb-beilin-a', 'psb-beilin'))).get(`/v1/requests/${id}/timeline`);
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('CUSTOS_NOT_FOUND');
    expect((await (await t.as(filer)).get(`/v1/requests/${randomUUID()}/timeline`)).status).toBe(404);
    expect((await (await t.as(filer)).get('/v1/requests/not-a-uuid/timeline')).status).toBe(400);
    expect((await (await t.as(ownerPrincipal('owner-mall'))).get(`/v1/requests/${id}/timeline`)).status).toBe(403);
  });

  it("documents every officer endpoint's answer and its coded refusals for the generated client", () => {
    const document = openApiDocumentOf(t.app, 'requests');
    const officerEndpoints: DocumentedOperation[] = [
      ['/requests', 'post', '201'],
      ['/requests/{id}/co-sign', 'post', '200'],
      ['/requests/{id}/withdraw', 'post', '200'],
      ['/requests/mine', 'get', '200'],
      ['/requests/awaiting-co-signature', 'get', '200'],
      ['/requests/{id}', 'get', '200'],
      ['/requests/{id}/timeline', 'get', '200'],
    ];
    expectDocumentedOperations(document, officerEndpoints, ['400', '401', '403']);
    expect(document.components!.schemas!.TimelineStepDto).toMatchObject({ required: ['at', 'step'] });
  });
});
