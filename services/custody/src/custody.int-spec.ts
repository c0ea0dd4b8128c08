import 'reflect-metadata';
import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import request from 'supertest';
import { Principal } from '@custos/auth';
import {
  evidenceItemAggregateId,
  exportAggregateId,
  ExportPackaged,
  handOverRefusalsAggregateId,
  STORAGE_EVENTS,
  STORAGE_EXPORT_PACKAGED,
} from '@custos/contracts';
import { custodyErrors, err, ok, SignedApprovalDocument } from '@custos/domain';
import { EventStore } from '@custos/eventstore';
import { createTestBucket, createTestDatabase, testS3Client, waitFor } from '@custos/testing';
import { openApiDocumentOf } from '@custos/platform';
import { PoolClient } from 'pg';
import { recordOnItem } from './commands/deliver-package/delivery-link';
import { DeliveryLeases } from './database/delivery-leases.table';
import { CustodyReadModels } from './database/custody.read-models';
import { custodyEventRegistry, EvidenceItemRepository } from './database/evidence-item.repository';
import {
  APPROVAL_DOCUMENT_ID,
  approvalDocument,
  CustodyTestApp,
  everyPage,
  exportPackaged,
  NOW,
  officer,
  openExportedItem,
  OWNER,
  ownerOperator,
  oversight,
  PSB,
  signed,
  startCustodyApp,
} from './testing/custody.test-support';
import { S3TestFootage } from './testing/s3-test-footage';
import { BrokerSide, custodyCaller, startBrokerSide } from './testing/custody-suite';

/** The two receiving officers of `handOver`, li then zhang, as custody records them (R18.1). */
const RECEIVERS = [
  { personId: 'person-officer-li', credentialNumber: '61011300101' },
  { personId: 'person-officer-zhang', credentialNumber: '61011300102' },
];
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** The same bytes with one changed. */
const oneByteChanged = (b: Buffer, at = 100): Buffer => {
  const changed = Buffer.from(b);
  changed[at] ^= 0x01;
  return changed;
};

describe('custody service over HTTP, with storage exports through the broker (issue 6)', () => {
  let side: BrokerSide;
  let t: CustodyTestApp;
  let storageEvents: EventStore;
  let items: EvidenceItemRepository;
  let brokerExport: ExportPackaged;
  let footage: S3TestFootage;
  /** Each item's package as exported: the copy its officers hold. */
  const packages = new Map<string, Buffer>();
  const { tokenOf, post, get } = custodyCaller(() => side.issuer, () => t.url);

  const announceExport = (payload: ExportPackaged) =>
    storageEvents.append({
      aggregateId: exportAggregateId(payload.exportId),
      expectedVersion: 0,
      events: [
        {
          type: STORAGE_EXPORT_PACKAGED,
          schemaVersion: 1,
          payload: payload as unknown as Record<string, unknown>,
          actor: { subject: 'dev:operator.mall', organisationId: OWNER },
          correlationId: `corr-${payload.exportId}`,
        },
      ],
    });

  /** An evidence item opened the way the consumer does it, without a trip through the broker; its package stored. */
  const openItem = async (overrides: Partial<ExportPackaged> = {}): Promise<string> => {
    const exportId = randomUUID();
    const bytes = Buffer.from(`custos-export/1 ${exportId} `.repeat(100));
    await footage.putPackage(exportId, bytes);
    packages.set(exportId, bytes);
    return openExportedItem(items, t.pool, exportPackaged({ exportId, packageSha256: sha256(bytes), packageSizeBytes: bytes.length, ...overrides }));
  };

  /** The officer asks for a challenge and answers it over `copy` (by default the package as exported), told nothing else (R18.5). */
  const attest = async (id: string, principal: Principal, copy: Buffer = packages.get(id)!) => {
    const challenged = await post(`/v1/evidence-items/${id}/integrity-challenges`, principal);
    expect(challenged.status).toBe(201);
    expect(JSON.stringify(challenged.body)).not.toContain(sha256(packages.get(id)!));
    return { challenge: challenged.body.challenge as string, response: sha256(Buffer.concat([Buffer.from(challenged.body.nonce, 'utf8'), copy])) };
  };
  const receive = async (id: string, principal: Principal, copy?: Buffer) => post(`/v1/evidence-items/${id}/receipt`, principal, await attest(id, principal, copy));

  const streamOf = async (id: string) =>
    (await t.pool.query<{ type: string }>('SELECT type FROM es_events WHERE aggregate_id = $1 ORDER BY aggregate_version', [evidenceItemAggregateId(id)])).rows.map(
      (r) => r.type,
    );

  const refusalsOf = async (id: string) => items.store.readStream(handOverRefusalsAggregateId(id));

  /** The pack of the owner's place (Xi'an, 610113) in 2026: the national text with Shaanxi's standing (issue 21). */
  const SHAANXI_2026 = { id: 'CN2025+SX2012', version: '1.0.0+1.0.0' };

  /**
   * The refusal just answered left exactly one trace: custody.HandOverRefused with its code
   * (R18.5), under the pack of the footage's place at the attempt (issue 21).
   */
  const expectRefusalRecorded = async (id: string, before: number, expected: Record<string, unknown>) => {
    const refusals = await refusalsOf(id);
    expect(refusals).toHaveLength(before + 1);
    expect(refusals[before]).toMatchObject({
      type: 'custody.HandOverRefused',
      payload: { evidenceItemId: id, at: expect.any(String), rulePack: SHAANXI_2026, ...expected },
    });
  };

  const approval = (overrides = {}, scope = {}): SignedApprovalDocument => signed(approvalDocument(overrides, scope), t.issuerKeys.privateKey);

  /** Both receiving officers, li then zhang: the item is handed over to PSB. */
  const handOver = async (id: string, purpose = 'Case 2026-0117, theft at the east entrance') => {
    const started = await post(`/v1/evidence-items/${id}/hand-overs`, officer('li'), { approval: approval(), purpose });
    expect(started.status).toBe(201);
    const confirmed = await post(`/v1/evidence-items/${id}/hand-overs/${started.body.handOverId}/confirmation`, officer('zhang'));
    expect(confirmed.status).toBe(200);
    return confirmed.body;
  };

  /**
   * A hand-over li started whose confirmation `refusedTo` tried first and was refused (403), before
   * zhang confirmed it: answers its id and the refusal's body.
   */
  const handOverAfterRefusal = async (id: string, purpose: string, refusedTo = 'li') => {
    const started = await post(`/v1/evidence-items/${id}/hand-overs`, officer('li'), { approval: approval(), purpose });
    const confirmation = `/v1/evidence-items/${id}/hand-overs/${started.body.handOverId}/confirmation`;
    const refused = await post(confirmation, officer(refusedTo));
    expect(refused.status).toBe(403);
    expect((await post(confirmation, officer('zhang'))).status).toBe(200);
    return { handOverId: started.body.handOverId as string, refusal: refused.body as { code: string } };
  };

  beforeAll(async () => {
    side = await startBrokerSide('custody', 'storage', STORAGE_EVENTS);
    storageEvents = side.upstream.events;
    // Announced before custody subscribes: the topic exists, and the consumer reads from the beginning.
    brokerExport = exportPackaged();
    await announceExport(brokerExport);
    footage = new S3TestFootage(testS3Client(), await createTestBucket('custody-packages'));
    const { issuer, transport, topicPrefix } = side;
    t = await startCustodyApp(issuer, await createTestDatabase('custody-api'), { transport, topicPrefix, consumerGroup: 'custody-test' }, { footage });
    items = new EvidenceItemRepository(new EventStore(t.pool, 'custody', custodyEventRegistry()));
  });

  afterAll(async () => {
    await t?.close();
    await side?.close();
  });

  it('opens an evidence item, PREPARED and held by the owner, from a storage.ExportPackaged event delivered through Kafka (R18.5)', async () => {
    const item = await waitFor(
      'the evidence item of the brokered export',
      async () => {
        const res = await get(`/v1/evidence-items/${brokerExport.exportId}`, ownerOperator());
        return res.status === 200 ? res.body : undefined;
      },
      30_000,
      200,
    );
    expect(item).toMatchObject({
      evidenceItemId: brokerExport.exportId,
      status: 'PREPARED',
      holderOrganisationId: OWNER,
      ownerOrganisationId: OWNER,
      packageSha256: brokerExport.packageSha256,
      approvalDocumentNumber: '610113-001-2026-000042',
    });
    const [opened] = await items.store.readStream(evidenceItemAggregateId(brokerExport.exportId));
    const [announced] = await storageEvents.readStream(exportAggregateId(brokerExport.exportId));
    expect(opened).toMatchObject({ type: 'custody.EvidenceItemOpened', causationId: announced.id, correlationId: announced.correlationId });
    // Another organisation sees nothing of it (R3.1).
    expect((await get(`/v1/evidence-items/${brokerExport.exportId}`, ownerOperator('org-owner-bank'))).status).toBe(404);
  });

  it('opens the item of a brokered export for the organ its document names, and hands it over only to two officers of that organ (R18.5, R18.1)', async () => {
    const payload = exportPackaged({ requestingOrganisationId: PSB, approvalDocumentId: APPROVAL_DOCUMENT_ID });
    await announceExport(payload);
    const id = payload.exportId;
    await waitFor('the evidence item of the brokered export', async () => ((await get(`/v1/evidence-items/${id}`, ownerOperator())).status === 200 ? true : undefined), 30_000, 200);
    const [opened] = await items.store.readStream(evidenceItemAggregateId(id));
    expect(opened.payload).toMatchObject({ requestingOrganisationId: PSB, approvalDocumentId: APPROVAL_DOCUMENT_ID });

    // Two qualified officers of the city bureau hold the document and the item id: refused, on record, nothing changes.
    const before = await streamOf(id);
    const byChen = await post(`/v1/evidence-items/${id}/hand-overs`, officer('chen'), { approval: approval(), purpose: 'taking it over' });
    expect([byChen.status, byChen.body.code, byChen.body.rule]).toEqual([403, 'CUSTOS_R18_5_NOT_THE_AUTHORISED_ORGAN', 'R18.5']);
    await expectRefusalRecorded(id, 0, { step: 'INITIATE', code: 'CUSTOS_R18_5_NOT_THE_AUTHORISED_ORGAN', officers: [expect.objectContaining({ personId: 'person-officer-chen' })] });
    expect(await streamOf(id)).toEqual(before);
    expect((await get(`/v1/evidence-items/${id}`, ownerOperator())).body).toMatchObject({ status: 'PREPARED', holderOrganisationId: OWNER });

    // li starts; liu of the city bureau cannot complete it; zhang of li's bureau can.
    const started = await post(`/v1/evidence-items/${id}/hand-overs`, officer('li'), { approval: approval(), purpose: 'Case 2026-0117' });
    expect(started.status).toBe(201);
    const byLiu = await post(`/v1/evidence-items/${id}/hand-overs/${started.body.handOverId}/confirmation`, officer('liu'));
    expect([byLiu.status, byLiu.body.code]).toEqual([403, 'CUSTOS_R18_5_NOT_THE_AUTHORISED_ORGAN']);
    await expectRefusalRecorded(id, 1, { step: 'CONFIRM', code: 'CUSTOS_R18_5_NOT_THE_AUTHORISED_ORGAN' });
    const confirmed = await post(`/v1/evidence-items/${id}/hand-overs/${started.body.handOverId}/confirmation`, officer('zhang'));
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ holderOrganisationId: PSB, approvalDocumentId: APPROVAL_DOCUMENT_ID });
  });

  describe('hand-over refusals change nothing (R18.5, R18.1, R18.2)', () => {
    let id: string;
    beforeAll(async () => (id = await openItem()));
    afterEach(() => t.setNow(NOW));

    /** The code is answered, the refusal recorded on the item's refusals stream, and the item itself unchanged. */
    const refusedHandOver = async (principal: Principal, body: object, code: string, rule: string, recorded: Record<string, unknown> = {}) => {
      const before = await streamOf(id);
      const refusals = (await refusalsOf(id)).length;
      const res = await post(`/v1/evidence-items/${id}/hand-overs`, principal, body);
      expect(res.body).toMatchObject({ code, rule });
      expect(res.status).toBe(403);
      expect(JSON.stringify(res.body)).not.toMatch(/\.ts:\d+/);
      await expectRefusalRecorded(id, refusals, {
        step: 'INITIATE',
        code,
        rule,
        reason: res.body.detail,
        // A credential not shown is recorded as not shown: no number, none filled in (R18.2).
        officers: [{ personId: principal.personId, subject: principal.subject, organisationId: principal.organisationId, ...(principal.credentialNumber ? { credentialNumber: principal.credentialNumber } : {}) }],
        ...recorded,
      });
      expect(await streamOf(id)).toEqual(before);
      expect((await get(`/v1/evidence-items/${id}`, ownerOperator())).body).toMatchObject({ status: 'PREPARED', holderOrganisationId: OWNER });
    };

    it('refuses a hand-over without an approval document with a coded 400, never a 500, changing nothing (R18.5)', async () => {
      const before = await streamOf(id);
      for (const body of [{ purpose: 'Case 2026-0117' }, { approval: null, purpose: 'Case 2026-0117' }]) {
        const res = await post(`/v1/evidence-items/${id}/hand-overs`, officer('li'), body);
        expect([res.status, res.body.code]).toEqual([400, 'CUSTOS_VALIDATION_FAILED']);
      }
      expect(await streamOf(id)).toEqual(before);
    });

    it('refuses an expired approval document (R18.5)', async () => {
      await refusedHandOver(officer('li'), { approval: approval({ validUntil: '2026-02-16T09:00:00.000Z' }), purpose: 'x' }, 'CUSTOS_R18_5_EXPIRED', 'R18.5', {
        approvalDocumentNumber: '610113-001-2026-000042',
      });
    });

    it('refuses a revoked approval document (R18.5)', async () => {
      const number = '610113-001-2026-000099';
      t.trust.revoke(PSB, number);
      await refusedHandOver(officer('li'), { approval: approval({ number }), purpose: 'x' }, 'CUSTOS_R18_5_REVOKED', 'R18.5', { approvalDocumentNumber: number });
    });

    it('refuses a document that does not cover the packaged cameras or window (R18.5)', async () => {
      await refusedHandOver(officer('li'), { approval: approval({}, { cameraIds: ['cam-2'] }), purpose: 'x' }, 'CUSTOS_R18_5_OUT_OF_SCOPE', 'R18.5');
      await refusedHandOver(
        officer('li'),
        { approval: approval({}, { window: { from: '2026-02-10T11:00:00.000Z', to: '2026-02-10T13:00:00.000Z' } }), purpose: 'x' },
        'CUSTOS_R18_5_OUT_OF_SCOPE',
        'R18.5',
      );
      await refusedHandOver(officer('li'), { approval: approval({ requestId: 'req-other' }), purpose: 'x' }, 'CUSTOS_R18_5_OUT_OF_SCOPE', 'R18.5');
    });

    it("refuses a validly signed officer token claiming an organisation or division the registry does not hold for the officer, and records it (R3.1, R5.1, issue 16)", async () => {
      // li is an officer of Yanta's PSB: a token claiming Xi'an's bureau, or Yanta's bureau in the province's division.
      await refusedHandOver(officer('li', { organisationId: 'org-psb-xian' }), { approval: approval(), purpose: 'x' }, 'CUSTOS_R18_2_NOT_AN_OFFICER_OF_ORGAN', 'R18.2');
      await refusedHandOver(officer('li', { divisionCode: '610000' }), { approval: approval(), purpose: 'x' }, 'CUSTOS_R5_1_CLAIMED_DIVISION_NOT_IN_REGISTRY', 'R5.1');
    });

    it('refuses a forged document: signed with another key, or altered after signing (R18.5)', async () => {
      const forged = signed(approvalDocument(), generateKeyPairSync('ed25519').privateKey);
      await refusedHandOver(officer('li'), { approval: forged, purpose: 'x' }, 'CUSTOS_R18_5_SIGNATURE_INVALID', 'R18.5');
      const genuine = approval();
      const altered = { ...genuine, document: { ...genuine.document, validUntil: '2027-02-22T12:00:00.000Z' } };
      await refusedHandOver(officer('li'), { approval: altered, purpose: 'x' }, 'CUSTOS_R18_5_SIGNATURE_INVALID', 'R18.5');
    });

    it('refuses qualified officers of another organ than the one the document names (R18.5)', async () => {
      await refusedHandOver(officer('chen'), { approval: approval(), purpose: 'x' }, 'CUSTOS_R18_5_NOT_THE_AUTHORISED_ORGAN', 'R18.5', {
        approvalDocumentNumber: '610113-001-2026-000042',
      });
      await refusedHandOver(officer('liu'), { approval: approval(), purpose: 'x' }, 'CUSTOS_R18_5_NOT_THE_AUTHORISED_ORGAN', 'R18.5');
      // A document authorising the city bureau does not let the county bureau's officers take the copy either.
      await refusedHandOver(officer('li'), { approval: approval({ requestingOrganisationId: 'org-psb-xian' }), purpose: 'x' }, 'CUSTOS_R18_5_NOT_THE_AUTHORISED_ORGAN', 'R18.5');
    });

    it('refuses a genuine document of the same request that is not the one the package was exported on (R18.5)', async () => {
      const exportedOn = await openItem({ approvalDocumentId: APPROVAL_DOCUMENT_ID, requestingOrganisationId: PSB });
      const other = approval({ documentId: '0f9a3c52-7d4e-4b8a-a1c6-2e5d8f7b9c10' });
      const before = await streamOf(exportedOn);
      const res = await post(`/v1/evidence-items/${exportedOn}/hand-overs`, officer('li'), { approval: other, purpose: 'x' });
      expect([res.status, res.body.code, res.body.details?.outOfScope]).toEqual([403, 'CUSTOS_R18_5_OUT_OF_SCOPE', 'DOCUMENT']);
      await expectRefusalRecorded(exportedOn, 0, { step: 'INITIATE', code: 'CUSTOS_R18_5_OUT_OF_SCOPE', rule: 'R18.5' });
      expect(await streamOf(exportedOn)).toEqual(before);
    });

    it('refuses an officer whose qualification has expired or is suspended (R18.2)', async () => {
      await refusedHandOver(officer('zhao'), { approval: approval(), purpose: 'x' }, 'CUSTOS_R18_2_QUALIFICATION_INVALID', 'R18.2');
      await refusedHandOver(officer('sun'), { approval: approval(), purpose: 'x' }, 'CUSTOS_R18_2_QUALIFICATION_INVALID', 'R18.2');
    });

    it('refuses a hand-over by an officer who shows no credential, instead of filling it in from the registry (R18.2)', async () => {
      await refusedHandOver(officer('li', { credentialNumber: undefined }), { approval: approval(), purpose: 'x' }, 'CUSTOS_R18_2_CREDENTIAL_NOT_SHOWN', 'R18.2');
    });

    it('refuses any fee field (R17.5)', async () => {
      await refusedHandOver(officer('li'), { approval: approval(), purpose: 'x', feeCents: 500 }, 'CUSTOS_R17_5_FEE_FORBIDDEN', 'R17.5');
      await refusedHandOver(officer('li'), { approval: approval(), purpose: 'x', handling: { serviceCharge: 0 } }, 'CUSTOS_R17_5_FEE_FORBIDDEN', 'R17.5');
    });

    it('releases nothing with one officer only: the second must confirm in time, be another person, and be qualified (R18.1, R18.2)', async () => {
      const started = await post(`/v1/evidence-items/${id}/hand-overs`, officer('li'), { approval: approval(), purpose: 'Case 7' });
      expect([started.status, started.body.code]).toEqual([201, undefined]);
      expect(started.body).toMatchObject({ status: 'AWAITING_SECOND_OFFICER', confirmBy: new Date(NOW.getTime() + 600_000).toISOString() });
      const confirm = (principal: Principal) => post(`/v1/evidence-items/${id}/hand-overs/${started.body.handOverId}/confirmation`, principal);
      const before = await streamOf(id);
      const refusalsBefore = (await refusalsOf(id)).length;

      const receipt = await post(`/v1/evidence-items/${id}/receipt`, officer('li'), { challenge: 'not.issued', response: 'a'.repeat(64) });
      expect([receipt.status, receipt.body.code]).toEqual([403, 'CUSTOS_R18_1_SECOND_OFFICER_REQUIRED']);
      const same = await confirm(officer('li'));
      expect([same.status, same.body.code]).toEqual([403, 'CUSTOS_R18_1_SAME_OFFICER_TWICE']);
      const suspended = await confirm(officer('sun'));
      expect([suspended.status, suspended.body.code]).toEqual([403, 'CUSTOS_R18_2_QUALIFICATION_INVALID']);
      const otherOrgan = await confirm(officer('chen'));
      expect([otherOrgan.status, otherOrgan.body.code]).toEqual([403, 'CUSTOS_R18_5_NOT_THE_AUTHORISED_ORGAN']);
      t.setNow(new Date(NOW.getTime() + 600_000));
      const late = await confirm(officer('zhang'));
      expect([late.status, late.body.code]).toEqual([409, 'CUSTOS_R18_1_CO_SIGNATURE_EXPIRED']);

      // Each refusal is on record with both officers involved, the pending hand-over and its document.
      const recorded = (await refusalsOf(id)).slice(refusalsBefore).map((e) => e.payload as Record<string, unknown>);
      const personsOf = (p: Record<string, unknown>) => (p.officers as { personId: string }[]).map((o) => o.personId.replace('person-officer-', ''));
      expect(recorded.map((p) => [p.step, p.code, personsOf(p)])).toEqual([
        ['RECEIPT', 'CUSTOS_R18_1_SECOND_OFFICER_REQUIRED', ['li']],
        ['CONFIRM', 'CUSTOS_R18_1_SAME_OFFICER_TWICE', ['li', 'li']],
        ['CONFIRM', 'CUSTOS_R18_2_QUALIFICATION_INVALID', ['li', 'sun']],
        ['CONFIRM', 'CUSTOS_R18_5_NOT_THE_AUTHORISED_ORGAN', ['li', 'chen']],
        ['CONFIRM', 'CUSTOS_R18_1_CO_SIGNATURE_EXPIRED', ['li', 'zhang']],
      ]);
      for (const p of recorded) {
        expect(p).toMatchObject({ evidenceItemId: id, handOverId: started.body.handOverId, approvalDocumentNumber: '610113-001-2026-000042', rule: expect.stringMatching(/^R18\.[125]$/) });
      }
      expect(recorded[4].at).toBe(new Date(NOW.getTime() + 600_000).toISOString());

      expect(await streamOf(id)).toEqual(before);
      expect((await get(`/v1/evidence-items/${id}`, ownerOperator())).body).toMatchObject({ status: 'PREPARED', holderOrganisationId: OWNER });
    });

    it('refuses the release when the document was revoked between the two officers (R18.5)', async () => {
      const number = '610113-001-2026-000077';
      const started = await post(`/v1/evidence-items/${id}/hand-overs`, officer('li'), {
        approval: approval({ number }),
        purpose: 'Case 8',
      });
      t.setNow(new Date(NOW.getTime() + 700_000));
      const restarted =
        started.status === 201
          ? started
          : await post(`/v1/evidence-items/${id}/hand-overs`, officer('li'), { approval: approval({ number }), purpose: 'Case 8' });
      expect(restarted.status).toBe(201);
      t.trust.revoke(PSB, number);
      const before = await streamOf(id);
      const refusals = (await refusalsOf(id)).length;
      const res = await post(`/v1/evidence-items/${id}/hand-overs/${restarted.body.handOverId}/confirmation`, officer('zhang'));
      expect([res.status, res.body.code]).toEqual([403, 'CUSTOS_R18_5_REVOKED']);
      await expectRefusalRecorded(id, refusals, {
        step: 'CONFIRM',
        code: 'CUSTOS_R18_5_REVOKED',
        rule: 'R18.5',
        handOverId: restarted.body.handOverId,
        approvalDocumentNumber: number,
        officers: [expect.objectContaining({ personId: 'person-officer-li' }), expect.objectContaining({ personId: 'person-officer-zhang', credentialNumber: '61011300102' })],
      });
      expect(await streamOf(id)).toEqual(before);
      expect((await get(`/v1/evidence-items/${id}`, ownerOperator())).body).toMatchObject({ status: 'PREPARED' });
    });
  });

  describe('chain of custody', () => {
    it('hands over on a document that names its rule pack, signed with it, and refuses one whose pack was altered (R18.5, issue 21)', async () => {
      const id = await openItem();
      const naming = approval({ rulePack: SHAANXI_2026 });
      const altered = { ...naming, document: { ...naming.document, rulePack: { id: 'SX2012', version: '1.0.0' } } };
      const refused = await post(`/v1/evidence-items/${id}/hand-overs`, officer('li'), { approval: altered, purpose: 'Case 2026-0117' });
      expect([refused.status, refused.body.code]).toEqual([403, 'CUSTOS_R18_5_SIGNATURE_INVALID']);
      const started = await post(`/v1/evidence-items/${id}/hand-overs`, officer('li'), { approval: naming, purpose: 'Case 2026-0117' });
      expect(started.status).toBe(201);
      const confirmed = await post(`/v1/evidence-items/${id}/hand-overs/${started.body.handOverId}/confirmation`, officer('zhang'));
      expect(confirmed.body).toMatchObject({ status: 'HANDED_OVER' });
    });

    const alarmOf = async (id: string) => (await items.store.readStream(evidenceItemAggregateId(id))).find((e) => e.type === 'custody.IntegrityMismatchDetected');

    it('hands over to two qualified officers, and receives when custody\'s own re-hash and the officer\'s attestation both match (R18.1, R18.2, R18.5)', async () => {
      const id = await openItem();
      const handed = await handOver(id);
      expect(handed).toMatchObject({
        status: 'HANDED_OVER',
        holderOrganisationId: PSB,
        officers: RECEIVERS,
        approvalDocumentNumber: '610113-001-2026-000042',
      });
      const expected = sha256(packages.get(id)!);
      const received = await receive(id, officer('zhang'));
      expect(received.status).toBe(200);
      expect(received.body).toMatchObject({
        integrity: 'MATCH',
        alarm: false,
        status: 'IN_CUSTODY',
        stored: { sha256: expected, expectedSha256: expected, match: true },
        attestation: { result: 'MATCH' },
      });
      const attested = await post(`/v1/evidence-items/${id}/verifications`, officer('li'), await attest(id, officer('li')));
      expect(attested.body).toMatchObject({ integrity: 'MATCH', status: 'IN_CUSTODY', attestation: { result: 'MATCH' } });
      const storedOnly = await post(`/v1/evidence-items/${id}/verifications`, officer('li'));
      expect(storedOnly.body).toMatchObject({ integrity: 'MATCH', stored: { match: true }, attestation: null });
      const events = await items.store.readStream(evidenceItemAggregateId(id));
      expect(events.map((e) => e.type)).toEqual([
        'custody.EvidenceItemOpened',
        'custody.HandOverInitiated',
        'custody.HandedOver',
        'custody.Received',
        'custody.Verified',
        'custody.Verified',
      ]);
      // The presentation and the release are each decided under the pack of the footage's place (issue 21).
      expect([events[1].payload.rulePack, events[2].payload.rulePack]).toEqual([SHAANXI_2026, SHAANXI_2026]);
      // The server's result and the officer's attestation, side by side on the record.
      expect(events[3].payload).toMatchObject({
        officer: { personId: 'person-officer-zhang' },
        expectedSha256: expected,
        storedSha256: expected,
        attestation: { challengeId: expect.any(String), nonce: expect.stringMatching(/^[0-9a-f]{64}$/), response: expect.any(String), result: 'MATCH' },
        match: true,
      });
      expect(events[3].payload).not.toHaveProperty('presentedSha256');
    });

    it('no longer takes the client\'s word: a bare hash, a reused challenge or another officer\'s challenge is refused, and nothing changes (R18.5)', async () => {
      const id = await openItem();
      await handOver(id);
      const before = await streamOf(id);
      const bare = await post(`/v1/evidence-items/${id}/receipt`, officer('li'), { sha256: sha256(packages.get(id)!) });
      expect([bare.status, bare.body.code]).toEqual([400, 'CUSTOS_VALIDATION_FAILED']);
      const zhangs = await attest(id, officer('zhang'));
      const borrowed = await post(`/v1/evidence-items/${id}/receipt`, officer('li'), zhangs);
      expect([borrowed.status, borrowed.body.code]).toEqual([403, 'CUSTOS_R18_5_CHALLENGE_NOT_YOURS']);
      const forged = await post(`/v1/evidence-items/${id}/receipt`, officer('li'), { challenge: `${zhangs.challenge.split('.')[0]}.AAAA`, response: zhangs.response });
      expect([forged.status, forged.body.code]).toEqual([401, 'CUSTOS_LINK_INVALID']);
      expect(await streamOf(id)).toEqual(before);

      expect((await post(`/v1/evidence-items/${id}/receipt`, officer('zhang'), zhangs)).body).toMatchObject({ integrity: 'MATCH' });
      const after = await streamOf(id);
      const replayed = await post(`/v1/evidence-items/${id}/verifications`, officer('zhang'), zhangs);
      expect([replayed.status, replayed.body.code]).toEqual([409, 'CUSTOS_R18_5_CHALLENGE_USED']);
      expect(await streamOf(id)).toEqual(after);
    });

    it('decides nothing when storage cannot supply the stored package: a 502 with its code, and the item unchanged (R18.5)', async () => {
      const id = await openExportedItem(items, t.pool, exportPackaged());
      packages.set(id, Buffer.from('the copy the officer holds'));
      await handOver(id);
      const before = await streamOf(id);
      const res = await receive(id, officer('li'));
      expect([res.status, res.body.code]).toEqual([502, 'CUSTOS_R18_5_STORED_PACKAGE_UNREADABLE']);
      expect(await streamOf(id)).toEqual(before);
      expect((await get(`/v1/evidence-items/${id}`, officer('li'))).body).toMatchObject({ status: 'HANDED_OVER', alarm: false });
    });

    it('raises the alarm naming the RECEIVED copy when the officer\'s copy differs, and then refuses every transfer (R18.5)', async () => {
      const id = await openItem();
      await handOver(id);
      const received = await receive(id, officer('li'), oneByteChanged(packages.get(id)!));
      expect(received.status).toBe(200);
      expect(received.body).toMatchObject({ integrity: 'MISMATCH', alarm: true, failedCopy: 'RECEIVED', status: 'COMPROMISED', stored: { match: true }, attestation: { result: 'MISMATCH' } });
      const stream = await streamOf(id);
      expect(stream.slice(-2)).toEqual(['custody.Received', 'custody.IntegrityMismatchDetected']);
      expect((await alarmOf(id))!.payload).toMatchObject({ during: 'RECEIPT', copy: 'RECEIVED', expectedSha256: sha256(packages.get(id)!), personId: 'person-officer-li' });

      const transfer = await post(`/v1/evidence-items/${id}/transfers`, officer('li'), { toOrganisationId: 'org-psb-xian', purpose: 'forensics' });
      expect(transfer.status).toBe(409);
      expect(transfer.body).toMatchObject({ code: 'CUSTOS_R18_5_INTEGRITY_MISMATCH', rule: 'R18.5' });
      expect(await streamOf(id)).toEqual(stream);
      expect((await get(`/v1/evidence-items/${id}`, officer('li'))).body).toMatchObject({ status: 'COMPROMISED', alarm: true });
    });

    it('re-reads the stored package itself: a byte changed in storage is never a MATCH, even for an officer with the right copy (R18.5)', async () => {
      // At receipt.
      const atReceipt = await openItem();
      await handOver(atReceipt);
      await footage.putPackage(atReceipt, oneByteChanged(packages.get(atReceipt)!));
      const refused = await receive(atReceipt, officer('li'));
      expect(refused.body).toMatchObject({ integrity: 'MISMATCH', failedCopy: 'STORED', status: 'COMPROMISED', stored: { match: false }, attestation: { result: 'UNVERIFIABLE' } });
      expect((await alarmOf(atReceipt))!.payload).toMatchObject({
        during: 'RECEIPT',
        copy: 'STORED',
        expectedSha256: sha256(packages.get(atReceipt)!),
        presentedSha256: sha256(oneByteChanged(packages.get(atReceipt)!)),
      });

      // At a later verification, and at a transfer's acknowledgement.
      const held = await openItem();
      await handOver(held);
      expect((await receive(held, officer('li'))).body).toMatchObject({ integrity: 'MATCH' });
      const transfer = await post(`/v1/evidence-items/${held}/transfers`, officer('li'), { toOrganisationId: 'org-psb-xian', toPersonId: 'person-officer-chen', purpose: 'forensics' });
      expect(transfer.status).toBe(201);
      await footage.putPackage(held, oneByteChanged(packages.get(held)!, 7));
      const ack = await post(`/v1/evidence-items/${held}/transfers/${transfer.body.transferId}/acknowledgement`, officer('chen'), await attest(held, officer('chen')));
      expect(ack.body).toMatchObject({ integrity: 'MISMATCH', failedCopy: 'STORED', holderOrganisationId: PSB, status: 'COMPROMISED' });
      const verified = await post(`/v1/evidence-items/${held}/verifications`, officer('li'));
      expect(verified.body).toMatchObject({ integrity: 'MISMATCH', failedCopy: 'STORED' });
      const alarms = (await items.store.readStream(evidenceItemAggregateId(held))).filter((e) => e.type === 'custody.IntegrityMismatchDetected');
      expect(alarms.map((e) => [e.payload.during, e.payload.copy])).toEqual([
        ['TRANSFER_ACKNOWLEDGEMENT', 'STORED'],
        ['VERIFICATION', 'STORED'],
      ]);
    });
  });

  describe('transfers (R17.1, R18.1, R18.2, R18.5)', () => {
    let id: string;
    beforeEach(async () => {
      id = await openItem();
      await handOver(id);
      expect((await receive(id, officer('li'))).body).toMatchObject({ integrity: 'MATCH' });
    });
    const transferTo = async (body: object, by = officer('li')) => post(`/v1/evidence-items/${id}/transfers`, by, { purpose: 'forensics', ...body });
    const acknowledge = async (transferId: string, principal: Principal) =>
      post(`/v1/evidence-items/${id}/transfers/${transferId}/acknowledgement`, principal, await attest(id, principal));

    it('refuses a target the registry does not hold or that is no enforcement organ, and a receiver of another organ, changing nothing (R17.1, R18.5)', async () => {
      const before = await streamOf(id);
      const unknown = await transferTo({ toOrganisationId: 'sa-a-no-such-organisation' });
      expect([unknown.status, unknown.body.code, unknown.body.rule]).toEqual([403, 'CUSTOS_R17_1_TRANSFER_TARGET_NOT_AN_ORGAN', 'R17.1']);
      const anOwner = await transferTo({ toOrganisationId: OWNER });
      expect([anOwner.status, anOwner.body.code]).toEqual([403, 'CUSTOS_R17_1_TRANSFER_TARGET_NOT_AN_ORGAN']);
      const notTheirs = await transferTo({ toOrganisationId: 'org-psb-xian', toPersonId: 'person-officer-zhang' });
      expect([notTheirs.status, notTheirs.body.code]).toEqual([403, 'CUSTOS_R18_5_TRANSFER_RECEIVER_NOT_OF_TARGET']);
      expect(await streamOf(id)).toEqual(before);
      expect((await get(`/v1/evidence-items/${id}`, officer('li'))).body).toMatchObject({ holderOrganisationId: PSB, status: 'IN_CUSTODY', pendingTransfer: null });
      // The item is not stuck: a transfer to a registered organ is accepted.
      expect((await transferTo({ toOrganisationId: 'org-psb-xian' })).status).toBe(201);
    });

    it('moves custody only when two distinct qualified officers of the target acknowledge, each attesting their copy (R18.1, R18.2, R18.5)', async () => {
      const requested = await transferTo({ toOrganisationId: 'org-psb-xian', toPersonId: 'person-officer-chen' });
      expect(requested.status).toBe(201);
      expect(requested.body).toMatchObject({ status: 'AWAITING_ACKNOWLEDGEMENT', holderOrganisationId: PSB });
      const transferId: string = requested.body.transferId;
      // The target's officers see what they are asked to take.
      expect((await get(`/v1/evidence-items/${id}`, officer('chen'))).body).toMatchObject({
        holderOrganisationId: PSB,
        pendingTransfer: { transferId, toOrganisationId: 'org-psb-xian', toPersonId: 'person-officer-chen', attestedBy: null },
      });
      expect((await get('/v1/evidence-items', officer('liu'))).body.items.map((i: { evidenceItemId: string }) => i.evidenceItemId)).toContain(id);

      const before = await streamOf(id);
      const bySender = await post(`/v1/evidence-items/${id}/transfers/${transferId}/acknowledgement`, officer('zhang'), { challenge: 'x.y', response: 'a'.repeat(64) });
      expect([bySender.status, bySender.body.code]).toEqual([403, 'CUSTOS_R3_1_NOT_THE_RECEIVER']);
      const unqualified = await post(`/v1/evidence-items/${id}/transfers/${transferId}/acknowledgement`, officer('ma'), { challenge: 'x.y', response: 'a'.repeat(64) });
      expect([unqualified.status, unqualified.body.code]).toEqual([403, 'CUSTOS_R18_2_QUALIFICATION_INVALID']);
      expect(await streamOf(id)).toEqual(before);

      const first = await acknowledge(transferId, officer('liu'));
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ integrity: 'MATCH', transfer: 'AWAITING_SECOND_OFFICER', holderOrganisationId: PSB });
      const attested = await streamOf(id);
      expect(attested.at(-1)).toBe('custody.TransferAttested');
      const again = await acknowledge(transferId, officer('liu'));
      expect([again.status, again.body.code]).toEqual([403, 'CUSTOS_R18_1_SAME_OFFICER_TWICE']);
      expect(await streamOf(id)).toEqual(attested);

      const second = await acknowledge(transferId, officer('chen'));
      expect(second.status).toBe(200);
      expect(second.body).toMatchObject({ integrity: 'MATCH', transfer: 'ACKNOWLEDGED', holderOrganisationId: 'org-psb-xian' });
      const acknowledged = (await items.store.readStream(evidenceItemAggregateId(id))).at(-1)!;
      expect(acknowledged).toMatchObject({
        type: 'custody.TransferAcknowledged',
        payload: {
          transferId,
          toOrganisationId: 'org-psb-xian',
          officers: [expect.objectContaining({ personId: 'person-officer-liu' }), expect.objectContaining({ personId: 'person-officer-chen', credentialNumber: '61010000001' })],
          attestation: { result: 'MATCH' },
        },
      });
      expect((await get(`/v1/evidence-items/${id}`, officer('chen'))).body).toMatchObject({ holderOrganisationId: 'org-psb-xian', pendingTransfer: null });
      const notHolder = await post(`/v1/evidence-items/${id}/views`, officer('li'), { purpose: 'curiosity' });
      expect([notHolder.status, notHolder.body.code]).toEqual([403, 'CUSTOS_R3_1_NOT_THE_HOLDER']);
    });

    it('lets the holder cancel a pending transfer with a reason; the target can then neither take nor see it (R18.5)', async () => {
      const transferId: string = (await transferTo({ toOrganisationId: 'org-psb-xian' })).body.transferId;
      const before = await streamOf(id);
      const byTarget = await post(`/v1/evidence-items/${id}/transfers/${transferId}/cancellation`, officer('chen'), { reason: 'not ours' });
      expect([byTarget.status, byTarget.body.code]).toEqual([403, 'CUSTOS_R3_1_NOT_THE_HOLDER']);
      const noReason = await post(`/v1/evidence-items/${id}/transfers/${transferId}/cancellation`, officer('zhang'), {});
      expect([noReason.status, noReason.body.code]).toEqual([400, 'CUSTOS_VALIDATION_FAILED']);
      expect(await streamOf(id)).toEqual(before);

      const cancelled = await post(`/v1/evidence-items/${id}/transfers/${transferId}/cancellation`, officer('zhang'), { reason: 'sent to the wrong bureau' });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ transfer: 'CANCELLED', holderOrganisationId: PSB, status: 'IN_CUSTODY' });
      expect((await items.store.readStream(evidenceItemAggregateId(id))).at(-1)).toMatchObject({
        type: 'custody.TransferCancelled',
        payload: { transferId, toOrganisationId: 'org-psb-xian', reason: 'sent to the wrong bureau', cancelledBy: { personId: 'person-officer-zhang' } },
      });
      const late = await post(`/v1/evidence-items/${id}/transfers/${transferId}/acknowledgement`, officer('chen'), { challenge: 'x.y', response: 'a'.repeat(64) });
      expect([late.status, late.body.code]).toEqual([409, 'CUSTOS_R18_5_NO_TRANSFER_PENDING']);
      expect((await get(`/v1/evidence-items/${id}`, officer('chen'))).status).toBe(404);
      expect((await transferTo({ toOrganisationId: 'org-psb-xian' })).status).toBe(201);
    });
  });

  describe('a delivery fact and its lease row are one transaction (R18.5, R16.6)', () => {
    const context = { actor: { subject: 'test:delivery', roles: ['OFFICER'] }, correlationId: randomUUID() };
    const leaseRowsOf = async (linkId: string) =>
      (await t.pool.query('SELECT 1 FROM custody_delivery_leases WHERE link_id = $1', [linkId])).rowCount;
    const claimIn = (id: string, linkId: string) => (tx: PoolClient) =>
      new DeliveryLeases(t.pool).claim(tx, { linkId, deliveryId: randomUUID(), evidenceItemId: id, at: new Date(NOW) });

    it('answers a refusal after the lease row was written as a result, and rolls the row back with the fact (R18.5)', async () => {
      const id = await openItem();
      const before = await streamOf(id);
      const linkId = randomUUID();
      const recorded = await recordOnItem(t.pool, items, id, context, () => ok(), async (tx) => {
        const claimed = await claimIn(id, linkId)(tx);
        expect(claimed).toEqual(ok());
        return err(custodyErrors.deliveryLinkUsed(id, linkId));
      });
      expect(recorded).toMatchObject({ ok: false, error: { code: 'CUSTOS_R18_5_DELIVERY_LINK_USED' } });
      expect(await leaseRowsOf(linkId)).toBe(0);
      expect(await streamOf(id)).toEqual(before);
    });

    it("answers the decision's refusal and an unknown item as results, writing nothing (R18.5, R3.1)", async () => {
      const id = await openItem();
      const linkId = randomUUID();
      const refused = await recordOnItem(t.pool, items, id, context, () => err(custodyErrors.notHandedOver(id, 'PREPARED')), claimIn(id, linkId));
      expect(refused).toMatchObject({ ok: false, error: { code: 'CUSTOS_R18_5_NOT_HANDED_OVER' } });
      const unknown = randomUUID();
      expect(await recordOnItem(t.pool, items, unknown, context, () => ok(), claimIn(unknown, linkId))).toMatchObject({
        ok: false,
        error: { code: 'CUSTOS_R3_1_EVIDENCE_ITEM_NOT_FOUND' },
      });
      expect(await leaseRowsOf(linkId)).toBe(0);
    });

    it('commits an accepted fact with its lease row, and refuses the same link a second time as a result (R18.5)', async () => {
      const id = await openItem();
      const linkId = randomUUID();
      expect(await recordOnItem(t.pool, items, id, context, () => ok(), claimIn(id, linkId))).toEqual(ok());
      expect(await leaseRowsOf(linkId)).toBe(1);
      expect(await recordOnItem(t.pool, items, id, context, () => ok(), claimIn(id, linkId))).toMatchObject({
        ok: false,
        error: { code: 'CUSTOS_R18_5_DELIVERY_LINK_USED' },
      });
      expect(await leaseRowsOf(linkId)).toBe(1);
    });
  });

  describe('access register (R16.6)', () => {
    let id: string;
    beforeAll(async () => {
      id = await openItem({ organisationId: 'org-owner-hotel', cameraIds: ['cam-1'] });
      await handOver(id, 'Case 2026-0200, "fraud", hotel lobby');
      expect((await receive(id, officer('li'))).body).toMatchObject({ integrity: 'MATCH' });
      expect((await post(`/v1/evidence-items/${id}/views`, officer('zhang'), { purpose: '=identify suspect' })).status).toBe(201);
    });

    it("lists the hand-over, custody's own read of the package at receipt and the view to the owner: requesting unit, persons, time, purpose (R16.6, issue 16)", async () => {
      const res = await get('/v1/access-register', ownerOperator('org-owner-hotel'));
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        expect.objectContaining({
          evidenceItemId: id,
          accessKind: 'COPY',
          requestingOrganisationId: PSB,
          persons: RECEIVERS,
          purpose: 'Case 2026-0200, "fraud", hotel lobby',
          approvalDocumentNumber: '610113-001-2026-000042',
          at: NOW.toISOString(),
        }),
        // The receipt re-hashed the stored package: a read by custody's service principal, for this item.
        expect.objectContaining({
          evidenceItemId: id,
          accessKind: 'SERVICE_READ',
          requestingOrganisationId: PSB,
          ownerOrganisationId: 'org-owner-hotel',
          persons: [{ personId: 'service:custody', credentialNumber: '', service: 'custody', clientId: 'custody', onBehalfOf: { kind: 'EVIDENCE_ITEM', id } }],
          purpose: expect.stringMatching(/^INTEGRITY_CHECK: EXPORT_PACKAGE .+ read by custody for EVIDENCE_ITEM /),
          approvalDocumentNumber: '610113-001-2026-000042',
          at: NOW.toISOString(),
        }),
        expect.objectContaining({ evidenceItemId: id, accessKind: 'VIEW', persons: [{ personId: 'person-officer-zhang', credentialNumber: '61011300102' }] }),
      ]);
    });

    it("shows owners only their systems', and oversight its jurisdiction's (R16.6, R5.1)", async () => {
      const other = await get('/v1/access-register', ownerOperator('org-owner-bank'));
      expect(other.body.items).toEqual([]);
      const province = await get('/v1/access-register', oversight('610000'));
      expect(province.body.items.map((e: { evidenceItemId: string }) => e.evidenceItemId)).toContain(id);
      const elsewhere = await get('/v1/access-register', oversight('620000'));
      expect(elsewhere.body.items).toEqual([]);
    });

    it('exports the register as CSV, quoted and safe for spreadsheets (R16.6)', async () => {
      const res = await request(t.url)
        .get('/v1/access-register?format=csv')
        .set('authorization', `Bearer ${await tokenOf(ownerOperator('org-owner-hotel'))}`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const lines = res.text.trim().split('\r\n');
      expect(lines[0]).toBe(
        'at,accessKind,requestingOrganisationId,persons,purpose,approvalDocumentNumber,ownerOrganisationId,cameraIds,evidenceItemId,entryId,endedAt,endReason,bytes,sha256',
      );
      expect(lines).toHaveLength(4);
      expect(lines[1]).toContain(`${NOW.toISOString()},COPY,${PSB},person-officer-li:61011300101;person-officer-zhang:61011300102,"Case 2026-0200, ""fraud"", hotel lobby"`);
      expect(lines[2]).toContain(`${NOW.toISOString()},SERVICE_READ,${PSB},service:custody:,INTEGRITY_CHECK`);
      expect(lines[3]).toContain(",'=identify suspect,");
      // Read page by page however long: batches of one still give the whole register, in order.
      const all: string[] = [];
      for await (const e of await t.app.get(CustodyReadModels).accessRegisterAll(ownerOperator('org-owner-hotel'), 1)) all.push(e.accessKind);
      expect(all).toEqual(['COPY', 'SERVICE_READ', 'VIEW']);
    });

    it('pages the JSON register with a cursor, in the order of the log, at most 500 entries a page (R16.6)', async () => {
      const owner = ownerOperator('org-owner-hotel');
      const first = await get('/v1/access-register?limit=1', owner);
      expect(first.status).toBe(200);
      expect(first.body.items.map((e: { accessKind: string }) => e.accessKind)).toEqual(['COPY']);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await get(`/v1/access-register?limit=2&cursor=${first.body.nextCursor}`, owner);
      expect(second.body.items.map((e: { accessKind: string }) => e.accessKind)).toEqual(['SERVICE_READ', 'VIEW']);
      expect(second.body.nextCursor).toBeNull();
      const all = await get('/v1/access-register?limit=3', owner);
      expect([all.body.items.length, all.body.nextCursor]).toEqual([3, null]);
      // A cursor carries no authority: another owner paging with it still sees only their own.
      expect((await get(`/v1/access-register?cursor=${first.body.nextCursor}`, ownerOperator('org-owner-bank'))).body.items).toEqual([]);

      const tooMany = await get('/v1/access-register?limit=501', owner);
      expect([tooMany.status, tooMany.body.code]).toEqual([400, 'CUSTOS_VALIDATION_FAILED']);
      const forged = await get('/v1/access-register?cursor=bm90LWEtY3Vyc29y', owner);
      expect([forged.status, forged.body.code]).toEqual([400, 'CUSTOS_INPUT_CURSOR_INVALID']);
    });

    it('refuses the register to a caller without a role that may read it (R3.1)', async () => {
      const res = await get('/v1/access-register', officer('li', { roles: ['APPROVER'] }));
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('CUSTOS_AUTH_ROLE_REQUIRED');
    });
  });

  describe('the chain as the console shows it (R16.6, R18.1, R18.5)', () => {
    it('lists exported, hand-over started, the refused second signature with its rule, handed over to two officers, and received with its result, in the order they happened', async () => {
      const id = await openItem();
      const { handOverId, refusal } = await handOverAfterRefusal(id, 'Case 2026-0117');
      expect((await receive(id, officer('zhang'))).body.integrity).toBe('MATCH');

      const res = await get(`/v1/evidence-items/${id}/timeline`, officer('li'));
      expect(res.status).toBe(200);
      expect(res.body.steps.map((s: { step: string }) => s.step)).toEqual(['EXPORTED', 'HAND_OVER_INITIATED', 'REFUSED', 'HANDED_OVER', 'RECEIVED']);
      const [exported, initiated, refused, handed, received] = res.body.steps;
      expect(exported).toMatchObject({ organisationId: OWNER, at: '2026-02-16T08:00:00.000Z' });
      expect(initiated).toMatchObject({
        officers: [{ personId: 'person-officer-li', organisationId: PSB, credentialNumber: '61011300101' }],
        purpose: 'Case 2026-0117',
        handOverId,
      });
      expect(refused).toMatchObject({ refusedStep: 'CONFIRM', rule: 'R18.1', code: refusal.code });
      expect(handed).toMatchObject({ organisationId: OWNER, toOrganisationId: PSB, officers: [{ personId: 'person-officer-li' }, { personId: 'person-officer-zhang' }] });
      expect(received).toMatchObject({ officers: [{ personId: 'person-officer-zhang' }], match: true });
    });

    it('lists the refused custody steps across packages to oversight in its jurisdiction, filtered by time, organ, code and rule (R26.1, R27.1, R5.1)', async () => {
      const id = await openItem();
      // Handed over: custody then knows where the owner stands, which puts the item in oversight's view (R5.1).
      const { refusal } = await handOverAfterRefusal(id, 'Case 2026-0300');
      const mine = (body: { items: { evidenceItemId: string }[] }) => body.items.filter((r) => r.evidenceItemId === id);

      const all = await get('/v1/custody-refusals', oversight('610000'));
      expect(all.status).toBe(200);
      expect(mine(all.body)).toEqual([
        expect.objectContaining({ evidenceItemId: id, step: 'REFUSED', refusedStep: 'CONFIRM', code: refusal.code, rule: 'R18.1', organisationId: PSB, ownerOrganisationId: OWNER }),
      ]);
      expect(all.body.items.every((r: { step: string }) => r.step === 'REFUSED')).toBe(true);
      const at = mine(all.body)[0] as unknown as { at: string };
      const filtered = async (query: string) => mine((await get(`/v1/custody-refusals?${query}`, oversight('610000'))).body).length;
      expect(await filtered(`code=${refusal.code}&rule=R18.1&organisationId=${PSB}`)).toBe(1);
      expect(await filtered(`from=${encodeURIComponent(at.at)}&to=${encodeURIComponent(new Date(Date.parse(at.at) + 1).toISOString())}`)).toBe(1);
      expect(await filtered(`to=${encodeURIComponent(at.at)}`)).toBe(0);
      expect(await filtered('rule=R18.5')).toBe(0);
      expect(await filtered(`organisationId=${OWNER}`)).toBe(0);

      expect(mine((await get('/v1/custody-refusals', oversight('620000'))).body)).toEqual([]);
      const bad = await get('/v1/custody-refusals?from=yesterday', oversight('610000'));
      expect([bad.status, bad.body.code]).toEqual([400, 'CUSTOS_VALIDATION_FAILED']);
      const notOversight = await get('/v1/custody-refusals', officer('li'));
      expect([notOversight.status, notOversight.body.code]).toEqual([403, 'CUSTOS_AUTH_ROLE_REQUIRED']);
    });

    it('pages the refused steps newest first, filters kept across pages, without gap or repeat (issue 15, R27.1)', async () => {
      for (const name of ['liu', 'li']) {
        await handOverAfterRefusal(await openItem(), 'Case 2026-0301', name);
      }
      const read = (path: string) => get(path, oversight('610000'));
      const whole = (await read('/v1/custody-refusals?limit=200')).body;
      expect(whole.nextCursor).toBeNull();
      const instants = whole.items.map((r: { at: string }) => r.at);
      expect(instants).toEqual([...instants].sort().reverse());
      expect(await everyPage(read, '/v1/custody-refusals', 2)).toEqual(whole.items);
      const sameOrgan = whole.items.filter((r: { rule: string }) => r.rule === 'R18.1');
      expect(sameOrgan.length).toBeGreaterThanOrEqual(1);
      expect(await everyPage(read, '/v1/custody-refusals?rule=R18.1', 1)).toEqual(sameOrgan);
    });

    it('pages the evidence items newest first: an item opened between two pages is not in the later ones; a cursor it did not give out, or a limit out of 1–200, is a coded 400 (issue 15)', async () => {
      const owner = 'org-owner-bank';
      for (let i = 0; i < 3; i++) await openItem({ organisationId: owner });
      const read = (path: string) => get(path, ownerOperator(owner));
      const whole = (await read('/v1/evidence-items?limit=200')).body;
      expect([whole.items.length >= 3, whole.nextCursor]).toEqual([true, null]);
      expect(await everyPage(read, '/v1/evidence-items', 1)).toEqual(whole.items);

      const first = await read('/v1/evidence-items?limit=1');
      const newer = await openItem({ organisationId: owner });
      const rest = await read(`/v1/evidence-items?limit=200&cursor=${first.body.nextCursor}`);
      expect([...first.body.items, ...rest.body.items]).toEqual(whole.items);
      expect((await read('/v1/evidence-items?limit=1')).body.items[0].evidenceItemId).toBe(newer);

      const foreign = Buffer.from(JSON.stringify([1, 'entry'])).toString('base64url');
      for (const query of [`cursor=${foreign}`, 'cursor=not-a-cursor']) {
        const refused = await read(`/v1/evidence-items?${query}`);
        expect([refused.status, refused.body.code]).toEqual([400, 'CUSTOS_INPUT_CURSOR_INVALID']);
      }
      for (const limit of [0, 201]) expect((await read(`/v1/evidence-items?limit=${limit}`)).body.code).toBe('CUSTOS_VALIDATION_FAILED');
    });

    it("shows the chain only to whoever sees the item: an officer of an organ outside it gets 404 (R3.1)", async () => {
      const id = await openItem();
      const res = await get(`/v1/evidence-items/${id}/timeline`, officer('chen'));
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('CUSTOS_R3_1_EVIDENCE_ITEM_NOT_FOUND');
    });

    it("documents the officer's custody endpoints with their answers and coded refusals, for the generated client", () => {
      const document = openApiDocumentOf(t.app, 'custody');
      const endpoints: [string, 'get' | 'post', string][] = [
        ['/evidence-items', 'get', '200'],
        ['/evidence-items/{evidenceItemId}', 'get', '200'],
        ['/evidence-items/{evidenceItemId}/timeline', 'get', '200'],
        ['/custody-refusals', 'get', '200'],
        ['/evidence-items/{evidenceItemId}/hand-overs', 'post', '201'],
        ['/evidence-items/{evidenceItemId}/hand-overs/{handOverId}/confirmation', 'post', '200'],
        ['/evidence-items/{evidenceItemId}/receipt', 'post', '200'],
        ['/evidence-items/{evidenceItemId}/verifications', 'post', '201'],
        ['/evidence-items/{evidenceItemId}/delivery-links', 'post', '201'],
        ['/evidence-items/{evidenceItemId}/integrity-challenges', 'post', '201'],
        ['/viewing-sessions', 'get', '200'],
        ['/viewing-sessions/{sessionId}', 'get', '200'],
        ['/viewing-sessions/{sessionId}/join', 'post', '200'],
        ['/viewing-sessions/{sessionId}/playback-links', 'get', '200'],
      ];
      for (const [path, method, ok] of endpoints) {
        const operation = document.paths[path][method]!;
        expect([path, JSON.stringify(operation.responses[ok])]).toEqual([path, expect.stringContaining('#/components/schemas/')]);
        expect([path, JSON.stringify(operation.responses['403'])]).toEqual([path, expect.stringContaining('#/components/schemas/ErrorBodyDto')]);
        expect(operation.security).toEqual([{ bearer: [] }]);
      }
    });
  });
});
