// @custos/contracts holds class-transformer @Type decorators, which need the metadata polyfill Nest loads.
import 'reflect-metadata';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { aPrincipal, Principal, startTestIssuer, TestIssuer } from '@custos/auth';
import { evidenceItemAggregateId, exportRefusalsAggregateId, handOverRefusalsAggregateId } from '@custos/contracts';
import { Officer, SignedApprovalDocument } from '@custos/domain';
import { EventStore } from '@custos/eventstore';
import { HttpApprovalTrust } from '@custos/platform';
import {
  approverPrincipal,
  createTestDatabase,
  officerPrincipal,
  orgById,
  ownerPrincipal,
  WORLD,
} from '@custos/testing';
import {
  ApprovalsTestApp,
  coSignedRequest,
  startApprovalsApp,
  withdrawnEvent,
} from '../../services/approvals/src/testing/approvals-app';
import {
  custodyEventRegistry,
  EvidenceItemRepository,
} from '../../services/custody/src/database/evidence-item.repository';
import { InMemoryOfficerDirectory } from '../../services/custody/src/domain/officer-directory.port';
import {
  CustodyTestApp,
  exportPackaged,
  openExportedItem,
  startCustodyApp,
} from '../../services/custody/src/testing/custody.test-support';
import { InMemoryCameraDirectory } from '../../services/storage/src/domain/camera-directory.port';
import { startStorageApp, StorageTestApp } from '../../services/storage/src/testing/storage.test-support';

const OWNER = 'owner-mall';

/**
 * Revocation bites at decision time (R18.5): storage (export) and custody (hand-over) each ask
 * a REAL approvals service over HTTP (`HttpApprovalTrust`, as deployed) at every decision, so a
 * document revoked — by its issuer, or because its request was withdrawn — is refused at the
 * very next export or hand-over, one second later, not a cache lifetime later. Only this suite
 * may import the three services.
 */
describe('a revoked approval document is refused at the very next export or hand-over (R18.5)', () => {
  let issuer: TestIssuer;
  let approvals: ApprovalsTestApp;
  let storage: StorageTestApp;
  let custody: CustodyTestApp;
  let items: EvidenceItemRepository;

  const as = async (url: string, principal: Principal) => {
    const token = await issuer.tokenFor(principal);
    return {
      get: (path: string) => request(url).get(path).set('authorization', `Bearer ${token}`),
      post: (path: string, body: object = {}) =>
        request(url).post(path).set('authorization', `Bearer ${token}`).send(body),
    };
  };
  /** Exports and events of storage, a refused export's own record aside. */
  const storageCounts = async () =>
    (
      await storage.pool.query(
        "SELECT (SELECT count(*) FROM storage_exports)::int AS exports, (SELECT count(*) FROM es_events WHERE type <> 'storage.ExportRefused')::int AS events",
      )
    ).rows[0];
  /** The last refused export on record (R18.5). */
  const lastRefusedExport = async () =>
    (await new EventStore(storage.pool, 'storage').readStream(exportRefusalsAggregateId(OWNER))).at(-1);
  const exportOn = async (approval: SignedApprovalDocument) =>
    (await as(storage.url, ownerPrincipal(OWNER))).post('/v1/footage/exports', { approval });
  const oneSecond = () => new Promise((resolve) => setTimeout(resolve, 1000));

  /** A co-signed copy of the Yanta station, approved by the Yanta bureau's head: its signed document. */
  const approvedCopy = async (): Promise<{ requestId: string; approval: SignedApprovalDocument }> => {
    const { requestId, events } = coSignedRequest({
      requesterOrg: orgById('station-yanta'),
      kind: 'COPY',
      filer: 'station-yanta-a',
      coSigner: 'station-yanta-b',
    });
    await approvals.deliver(events);
    const approved = await (
      await approvals.as(approverPrincipal('psb-yanta'))
    ).post(`/v1/approval-cases/${requestId}/approve`);
    expect(approved.status).toBe(200);
    return { requestId, approval: approved.body.signedDocument };
  };

  beforeAll(async () => {
    issuer = await startTestIssuer();
    approvals = await startApprovalsApp({}, issuer);
    await approvals.app.listen(0, '127.0.0.1');
    const approvalsUrl = `http://127.0.0.1:${(approvals.app.getHttpServer().address() as AddressInfo).port}`;
    const service = aPrincipal({
      subject: 'service.test',
      personId: 'service.test',
      organisationId: 'custos',
      roles: ['SERVICE'],
      credentialNumber: undefined,
    });
    const trust = () => new HttpApprovalTrust({ baseUrl: approvalsUrl, serviceToken: () => issuer.tokenFor(service) });
    const clock = () => new Date();
    storage = await startStorageApp(issuer, 'revocation-storage', {
      approvalTrust: trust(),
      clock,
      cameras: new InMemoryCameraDirectory([
        { cameraId: 'cam-mall-1', organisationId: OWNER, imageSystemId: 'sys-mall' },
      ], WORLD),
    });
    const officers: Officer[] = WORLD.officers.map((o) => ({
      ...o,
      qualification: {
        ...o.qualification,
        issuedAt: new Date(o.qualification.issuedAt),
        expiresAt: new Date(o.qualification.expiresAt),
        statusHistory: o.qualification.statusHistory.map((h) => ({ ...h, since: new Date(h.since) })),
      },
    }));
    custody = await startCustodyApp(issuer, await createTestDatabase('revocation-custody'), undefined, {
      approvalTrust: trust(),
      clock,
      officers: new InMemoryOfficerDirectory({ officers, organisations: WORLD.organisations as never }),
    });
    items = new EvidenceItemRepository(new EventStore(custody.pool, 'custody', custodyEventRegistry()));
  });

  afterAll(async () => {
    await custody?.close();
    await storage?.close();
    await approvals?.close();
    await issuer?.close();
  });

  it('refuses the export one second after the issuer revoked the document, which it accepted just before (R18.5)', async () => {
    const { requestId, approval } = await approvedCopy();
    const accepted = await exportOn(approval);
    expect(accepted.status).toBe(201);
    const revoked = await (
      await approvals.as(approverPrincipal('psb-yanta'))
    ).post(`/v1/approval-cases/${requestId}/revoke`, { reason: 'issued in error' });
    expect(revoked.status).toBe(200);
    await oneSecond();
    const before = await storageCounts();
    const refused = await exportOn(approval);
    expect([refused.status, refused.body.code, refused.body.rule]).toEqual([403, 'CUSTOS_R18_5_REVOKED', 'R18.5']);
    expect(await storageCounts()).toEqual(before);
    expect(await lastRefusedExport()).toMatchObject({
      type: 'storage.ExportRefused',
      payload: { approvalDocumentId: approval.document.documentId, requestId, code: 'CUSTOS_R18_5_REVOKED' },
    });
  });

  it("refuses the export of a withdrawn request's document: the withdrawal revoked it (R18.5)", async () => {
    const { requestId, approval } = await approvedCopy();
    await approvals.deliver([withdrawnEvent(requestId, 'station-yanta-a', 3)]);
    const before = await storageCounts();
    const refused = await exportOn(approval);
    expect([refused.status, refused.body.code]).toEqual([403, 'CUSTOS_R18_5_REVOKED']);
    expect(await storageCounts()).toEqual(before);
    expect(await lastRefusedExport()).toMatchObject({ payload: { requestId, code: 'CUSTOS_R18_5_REVOKED' } });
  });

  it('refuses to complete a hand-over one second after its request was withdrawn: recorded, the item unchanged (R18.5)', async () => {
    const { requestId, approval } = await approvedCopy();
    const doc = approval.document;
    const exported = await exportOn(approval);
    expect(exported.status).toBe(201);
    const id = await openExportedItem(
      items,
      custody.pool,
      exportPackaged({
        exportId: exported.body.exportId,
        approvalDocumentNumber: doc.number,
        approvalDocumentId: doc.documentId,
        issuingOrganisationId: doc.issuingOrganisationId,
        requestingOrganisationId: doc.requestingOrganisationId,
        requestId,
        organisationId: OWNER,
        cameraIds: [...doc.scope.cameraIds],
        windowFrom: doc.scope.window.from,
        windowTo: doc.scope.window.to,
        packageSha256: exported.body.packageSha256,
        packageSizeBytes: exported.body.packageSizeBytes,
      }),
    );
    const first = await as(custody.url, officerPrincipal('station-yanta-a', 'station-yanta'));
    const started = await first.post(`/v1/evidence-items/${id}/hand-overs`, { approval, purpose: 'robbery at the mall' });
    expect(started.status).toBe(201);

    await approvals.deliver([withdrawnEvent(requestId, 'station-yanta-a', 3)]);
    await oneSecond();
    const before = (await items.store.readStream(evidenceItemAggregateId(id))).length;
    const second = await as(custody.url, officerPrincipal('station-yanta-b', 'station-yanta'));
    const refused = await second.post(`/v1/evidence-items/${id}/hand-overs/${started.body.handOverId}/confirmation`);
    expect([refused.status, refused.body.code]).toEqual([403, 'CUSTOS_R18_5_REVOKED']);
    const refusals = await items.store.readStream(handOverRefusalsAggregateId(id));
    expect(refusals.at(-1)).toMatchObject({
      type: 'custody.HandOverRefused',
      payload: { step: 'CONFIRM', code: 'CUSTOS_R18_5_REVOKED', approvalDocumentNumber: doc.number },
    });
    expect((await items.store.readStream(evidenceItemAggregateId(id))).length).toBe(before);
    expect((await (await as(custody.url, ownerPrincipal(OWNER))).get(`/v1/evidence-items/${id}`)).body).toMatchObject({
      status: 'PREPARED',
      holderOrganisationId: OWNER,
    });
  });
});
