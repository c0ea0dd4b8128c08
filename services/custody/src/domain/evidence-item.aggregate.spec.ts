import { EvidenceItemOpened } from '@custos/contracts';
import { deliverableTo, IntegrityEvidence } from '@custos/domain';
import { EvidenceItem } from './evidence-item.aggregate';
import { custodyOfficer } from './custody-officer.fixture';

const NOW = new Date('2026-02-16T09:30:00.000Z');
const SHA = 'a'.repeat(64);
const li = custodyOfficer('li', 'psb', 'C-1');
const zhang = custodyOfficer('zhang', 'psb', 'C-2');
const liu = custodyOfficer('liu', 'psb-city', 'C-4');
const chen = custodyOfficer('chen', 'psb-city', 'C-3');

const opened: EvidenceItemOpened = {
  evidenceItemId: 'exp-1',
  exportId: 'exp-1',
  approvalDocumentNumber: '610113-001-2026-000042',
  issuingOrganisationId: 'psb',
  requestId: 'req-1',
  kind: 'COPY',
  ownerOrganisationId: 'owner',
  cameraIds: ['cam-1'],
  windowFrom: '2026-02-10T10:00:00.000Z',
  windowTo: '2026-02-10T12:00:00.000Z',
  packageSha256: SHA,
  packageSizeBytes: 10,
  exportedAt: '2026-02-16T08:00:00.000Z',
};

function handedOver(): EvidenceItem {
  const item = new EvidenceItem('evidence-item:exp-1');
  item.open(opened);
  expect(
    item.initiateHandOver(
      {
        handOverId: 'h-1',
        receivingOrganisationId: 'psb',
        officer: li,
        approvalDocumentNumber: opened.approvalDocumentNumber,
        approval: {},
        purpose: 'case',
        initiatedAt: NOW.toISOString(),
        confirmBy: new Date(NOW.getTime() + 60_000).toISOString(),
      },
      NOW,
    ).ok,
  ).toBe(true);
  item.completeHandOver({
    handOverId: 'h-1',
    fromOrganisationId: 'owner',
    receivingOrganisationId: 'psb',
    receivingDivisionCode: '610113',
    officers: [li, zhang],
    approvalDocumentNumber: opened.approvalDocumentNumber,
    issuingOrganisationId: 'psb',
    kind: 'COPY',
    purpose: 'case',
    handedOverAt: NOW.toISOString(),
  });
  return item;
}

const RESPONSE = 'c'.repeat(64);
/** What custody found: the stored package re-hashed to `stored`, the officer's answer `response` to challenge `challengeId`. */
const evidence = ({ stored = SHA, response = RESPONSE, challengeId = 'ch-1' } = {}): IntegrityEvidence => ({
  storedSha256: stored,
  attestation: { challengeId, nonce: 'd'.repeat(64), issuedAt: NOW.toISOString(), response, expectedResponse: RESPONSE },
});

const codeOf = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'ok' : result.error!.code);

describe('an evidence item under chain of custody (R18.5)', () => {
  it('is held by the owner until a hand-over is confirmed, then by the receiving organ (R18.5)', () => {
    const item = new EvidenceItem('evidence-item:exp-1');
    item.open(opened);
    expect([item.status, item.holderOrganisationId]).toEqual(['PREPARED', 'owner']);
    const h = handedOver();
    expect([h.status, h.holderOrganisationId]).toEqual(['HANDED_OVER', 'psb']);
  });

  it('refuses a receipt of an item never handed over (R18.5)', () => {
    const item = new EvidenceItem('evidence-item:exp-1');
    item.open(opened);
    expect(codeOf(item.receive(li, evidence(), NOW))).toBe('CUSTOS_R18_5_NOT_HANDED_OVER');
  });

  it('receives on the server\'s own re-hash and a matching attestation, recorded side by side (R18.5)', () => {
    const item = handedOver();
    expect(item.receive(li, evidence(), NOW)).toMatchObject({ ok: true, value: { match: true, storedSha256: SHA, attestation: { result: 'MATCH' } } });
    expect(item.getUncommittedEvents().at(-1)!.payload).toMatchObject({ expectedSha256: SHA, storedSha256: SHA, attestation: { challengeId: 'ch-1', response: RESPONSE, result: 'MATCH' }, match: true });
    expect(item.status).toBe('IN_CUSTODY');
  });

  it('names the RECEIVED copy when the officer\'s attestation does not match the stored bytes, and blocks the item (R18.5)', () => {
    const item = handedOver();
    expect(item.receive(li, evidence({ response: 'e'.repeat(64) }), NOW)).toMatchObject({ ok: true, value: { match: false, failedCopy: 'RECEIVED' } });
    expect(item.getUncommittedEvents().at(-1)).toMatchObject({ type: 'custody.IntegrityMismatchDetected', payload: { during: 'RECEIPT', copy: 'RECEIVED', personId: 'p-li' } });
    expect(item.status).toBe('COMPROMISED');
  });

  it('refuses a challenge answered twice, recording nothing (R18.5)', () => {
    const item = handedOver();
    item.receive(li, evidence(), NOW);
    const recorded = item.getUncommittedEvents().length;
    expect(codeOf(item.verify(zhang, evidence(), NOW))).toBe('CUSTOS_R18_5_CHALLENGE_USED');
    expect(item.getUncommittedEvents()).toHaveLength(recorded);
    expect(item.verify(zhang, evidence({ challengeId: 'ch-2' }), NOW).ok).toBe(true);
  });

  it('names the STORED copy when the stored package no longer hashes to the recorded hash, and blocks transfers from then on (R18.5)', () => {
    const item = handedOver();
    expect(item.receive(li, evidence({ stored: 'f'.repeat(64) }), NOW)).toMatchObject({
      ok: true,
      value: { match: false, failedCopy: 'STORED', attestation: { result: 'UNVERIFIABLE' } },
    });
    expect(item.getUncommittedEvents().map((e) => e.type).slice(-2)).toEqual(['custody.Received', 'custody.IntegrityMismatchDetected']);
    expect(item.getUncommittedEvents().at(-1)!.payload).toMatchObject({ copy: 'STORED', expectedSha256: SHA, presentedSha256: 'f'.repeat(64) });
    expect(item.status).toBe('COMPROMISED');
    const transfer = item.requestTransfer({
      transferId: 't-1',
      fromOrganisationId: 'psb',
      toOrganisationId: 'psb-city',
      requestedBy: li,
      purpose: 'forensics',
      requestedAt: NOW.toISOString(),
    });
    expect(codeOf(transfer)).toBe('CUSTOS_R18_5_INTEGRITY_MISMATCH');
  });

  it('moves custody only when the named receiver acknowledges (R18.5)', () => {
    const item = handedOver();
    item.receive(li, evidence(), NOW);
    expect(
      item.requestTransfer({ transferId: 't-1', fromOrganisationId: 'psb', toOrganisationId: 'psb-city', toPersonId: 'p-chen', requestedBy: li, purpose: 'x', requestedAt: NOW.toISOString() }).ok,
    ).toBe(true);
    expect(item.holderOrganisationId).toBe('psb');
    expect(codeOf(item.acknowledgeTransfer('t-1', zhang, evidence({ challengeId: 'ch-2' }), NOW))).toBe('CUSTOS_R3_1_NOT_THE_RECEIVER');
    // Two distinct officers of the target, one of them the named receiver (R18.1).
    expect(item.acknowledgeTransfer('t-1', liu, evidence({ challengeId: 'ch-3' }), NOW)).toMatchObject({ ok: true, value: { match: true } });
    expect([item.getUncommittedEvents().at(-1)!.type, item.holderOrganisationId]).toEqual(['custody.TransferAttested', 'psb']);
    expect(codeOf(item.acknowledgeTransfer('t-1', liu, evidence({ challengeId: 'ch-4' }), NOW))).toBe('CUSTOS_R18_1_SAME_OFFICER_TWICE');
    expect(item.acknowledgeTransfer('t-1', chen, evidence({ challengeId: 'ch-5' }), NOW)).toMatchObject({ ok: true, value: { match: true } });
    expect(item.getUncommittedEvents().at(-1)).toMatchObject({ type: 'custody.TransferAcknowledged', payload: { officers: [liu, chen] } });
    expect(item.holderOrganisationId).toBe('psb-city');
  });

  it('needs the named receiver among the two, and lets the holder cancel a pending transfer (R18.1, R18.5)', () => {
    const item = handedOver();
    item.receive(li, evidence(), NOW);
    const request = { fromOrganisationId: 'psb', toOrganisationId: 'psb-city', toPersonId: 'p-chen', requestedBy: li, purpose: 'x', requestedAt: NOW.toISOString() };
    item.requestTransfer({ transferId: 't-1', ...request });
    item.acknowledgeTransfer('t-1', liu, evidence({ challengeId: 'ch-2' }), NOW);
    const other = custodyOfficer('ma', 'psb-city', 'C-5');
    expect(codeOf(item.acknowledgeTransfer('t-1', other, evidence({ challengeId: 'ch-3' }), NOW))).toBe('CUSTOS_R3_1_NOT_THE_RECEIVER');
    expect(codeOf(item.cancelTransfer('t-1', chen, 'not ours', NOW))).toBe('CUSTOS_R3_1_NOT_THE_HOLDER');
    expect(item.cancelTransfer('t-1', zhang, 'wrong bureau', NOW).ok).toBe(true);
    expect(codeOf(item.acknowledgeTransfer('t-1', chen, evidence({ challengeId: 'ch-4' }), NOW))).toBe('CUSTOS_R18_5_NO_TRANSFER_PENDING');
    expect(item.holderOrganisationId).toBe('psb');
    // A fresh transfer starts from nobody's attestation.
    expect(item.requestTransfer({ transferId: 't-2', ...request }).ok).toBe(true);
    expect(item.acknowledgeTransfer('t-2', liu, evidence({ challengeId: 'ch-5' }), NOW)).toMatchObject({ ok: true });
    expect(item.getUncommittedEvents().at(-1)!.type).toBe('custody.TransferAttested');
  });

  it('delivers only to the two officers it was handed over to, while intact and held by their organ (R18.5)', () => {
    const item = handedOver();
    expect(deliverableTo(item, li)).toMatchObject({ ok: true, value: { approvalDocumentNumber: opened.approvalDocumentNumber } });
    expect(codeOf(deliverableTo(item, chen))).toBe('CUSTOS_R18_5_NOT_A_RECEIVING_OFFICER');
    expect(codeOf(deliverableTo(item, { ...zhang, credentialNumber: 'C-OTHER' }))).toBe('CUSTOS_R18_5_NOT_A_RECEIVING_OFFICER');
    const prepared = new EvidenceItem('evidence-item:exp-1');
    prepared.open(opened);
    expect(codeOf(deliverableTo(prepared, li))).toBe('CUSTOS_R18_5_NOT_HANDED_OVER');
  });

  it('raises the alarm when delivered bytes do not match the package, and delivers no more (R18.5)', () => {
    const item = handedOver();
    const binding = { deliveryId: 'd-1', evidenceItemId: 'exp-1', approvalDocumentNumber: opened.approvalDocumentNumber, officers: [li, zhang], requestedBy: li };
    item.completeDelivery({ ...binding, bytes: 10, sha256: 'f'.repeat(64), expectedSha256: SHA, match: false, at: NOW.toISOString() });
    expect(item.getUncommittedEvents().map((e) => e.type).slice(-2)).toEqual(['custody.PackageDelivered', 'custody.IntegrityMismatchDetected']);
    expect(item.getUncommittedEvents().at(-1)!.payload).toMatchObject({ during: 'DELIVERY', personId: 'p-li' });
    expect(item.status).toBe('COMPROMISED');
    expect(codeOf(deliverableTo(item, zhang))).toBe('CUSTOS_R18_5_INTEGRITY_MISMATCH');
  });
});
