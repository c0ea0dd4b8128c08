import { CustodyOfficer, HandedOver, TransferRequested } from '@custos/contracts';
import {
  custodyStatusAfter,
  DEFAULT_HAND_OVER_CONFIRM_MINUTES,
  DEFAULT_HAND_OVER_CONFIRM_MS,
  deliverableTo,
  EvidenceItemState,
  handOverToConfirm,
  integrityCheckOf,
  mayAcknowledgeTransfer,
  mayAttest,
  mayCancelTransfer,
  mayInitiateHandOver,
  mayReceive,
  mayRequestTransfer,
  mayVerify,
  mayView,
  transferMoved,
} from './evidence-item';

const NOW = new Date('2026-02-16T09:30:00.000Z');
const LATER = new Date(NOW.getTime() + 60_000);
const SHA = 'a'.repeat(64);
const officer = (personId: string, organisationId: string, credentialNumber = `C-${personId}`): CustodyOfficer => ({ personId, subject: `s-${personId}`, organisationId, credentialNumber });
const li = officer('p-li', 'psb');
const zhang = officer('p-zhang', 'psb');
const liu = officer('p-liu', 'psb-city');
const chen = officer('p-chen', 'psb-city');

const pendingHandOver = {
  handOverId: 'h-1',
  receivingOrganisationId: 'psb',
  officer: li,
  approvalDocumentNumber: '610113-001-2026-000042',
  approval: {},
  purpose: 'case',
  initiatedAt: NOW.toISOString(),
  confirmBy: LATER.toISOString(),
};
const handOver: HandedOver = {
  handOverId: 'h-1',
  fromOrganisationId: 'owner',
  receivingOrganisationId: 'psb',
  receivingDivisionCode: '610113',
  officers: [li, zhang],
  approvalDocumentNumber: '610113-001-2026-000042',
  issuingOrganisationId: 'psb',
  kind: 'COPY',
  purpose: 'case',
  handedOverAt: NOW.toISOString(),
};
const transfer = (overrides: Partial<TransferRequested> = {}): TransferRequested => ({
  transferId: 't-1',
  fromOrganisationId: 'psb',
  toOrganisationId: 'psb-city',
  requestedBy: li,
  purpose: 'forensics',
  requestedAt: NOW.toISOString(),
  ...overrides,
});

const item = (overrides: Partial<EvidenceItemState> = {}): EvidenceItemState => ({
  evidenceItemId: 'exp-1',
  status: 'IN_CUSTODY',
  holderOrganisationId: 'psb',
  packageSha256: SHA,
  handOver,
  answeredChallenges: new Set(),
  ...overrides,
});
const prepared = (overrides: Partial<EvidenceItemState> = {}) => item({ status: 'PREPARED', holderOrganisationId: 'owner', handOver: undefined, ...overrides });
const codeOf = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'OK' : r.error?.code);

describe('the custody state of an evidence item (R18.5)', () => {
  it('is released by a hand-over, taken into custody by an intact receipt, and compromised for good by a mismatch (R18.5)', () => {
    expect(custodyStatusAfter('PREPARED', 'HANDED_OVER')).toBe('HANDED_OVER');
    expect(custodyStatusAfter('HANDED_OVER', 'RECEIVED_INTACT')).toBe('IN_CUSTODY');
    expect(custodyStatusAfter('IN_CUSTODY', 'INTEGRITY_MISMATCH')).toBe('COMPROMISED');
    expect(custodyStatusAfter('COMPROMISED', 'RECEIVED_INTACT')).toBe('COMPROMISED');
  });

  it('moves custody on an acknowledgement only when every copy matched, or when recorded before the server re-hash (R18.5)', () => {
    expect(transferMoved({ match: true, storedSha256: SHA })).toBe(true);
    expect(transferMoved({ match: false, storedSha256: SHA })).toBe(false);
    expect(transferMoved({ match: false })).toBe(true);
  });
});

describe('a hand-over (R18.1, R18.5)', () => {
  it('starts only on a prepared item, and not while another awaits its second officer (R18.5)', () => {
    expect(mayInitiateHandOver(prepared(), NOW).ok).toBe(true);
    expect(codeOf(mayInitiateHandOver(item({ status: 'HANDED_OVER' }), NOW))).toBe('CUSTOS_R18_5_ALREADY_HANDED_OVER');
    expect(codeOf(mayInitiateHandOver(prepared({ pendingHandOver }), NOW))).toBe('CUSTOS_R18_5_HAND_OVER_PENDING');
    expect(mayInitiateHandOver(prepared({ pendingHandOver }), LATER).ok).toBe(true);
  });

  it('is confirmed by a second officer only before its deadline (R18.1)', () => {
    expect(handOverToConfirm(prepared({ pendingHandOver }), NOW)).toEqual({ ok: true, value: pendingHandOver });
    expect(codeOf(handOverToConfirm(prepared({ pendingHandOver }), LATER))).toBe('CUSTOS_R18_1_CO_SIGNATURE_EXPIRED');
    expect(codeOf(handOverToConfirm(prepared(), NOW))).toBe('CUSTOS_R18_1_NO_HAND_OVER_PENDING');
    expect(codeOf(handOverToConfirm(item({ status: 'HANDED_OVER' }), NOW))).toBe('CUSTOS_R18_5_ALREADY_HANDED_OVER');
  });
});

describe('receipt, verification and view (R18.5)', () => {
  it('receives only a handed-over item, by an officer of the receiving organ; a half-done hand-over has released nothing (R18.1, R18.5)', () => {
    const handedOver = item({ status: 'HANDED_OVER' });
    expect(mayReceive(handedOver, zhang).ok).toBe(true);
    expect(codeOf(mayReceive(handedOver, liu))).toBe('CUSTOS_R3_1_NOT_THE_HOLDER');
    expect(codeOf(mayReceive(prepared({ pendingHandOver }), li))).toBe('CUSTOS_R18_1_SECOND_OFFICER_REQUIRED');
    expect(codeOf(mayReceive(prepared(), li))).toBe('CUSTOS_R18_5_NOT_HANDED_OVER');
    expect(codeOf(mayReceive(item(), li))).toBe('CUSTOS_R18_5_NOT_HANDED_OVER');
  });

  it('lets the holder verify a received item, compromised or not (R18.5)', () => {
    expect(mayVerify(item(), li).ok).toBe(true);
    expect(mayVerify(item({ status: 'COMPROMISED' }), li).ok).toBe(true);
    expect(codeOf(mayVerify(item({ status: 'HANDED_OVER' }), li))).toBe('CUSTOS_R18_5_NOT_IN_CUSTODY');
    expect(codeOf(mayVerify(item(), liu))).toBe('CUSTOS_R3_1_NOT_THE_HOLDER');
  });

  it('lets only the holder view an intact item in custody (R18.5)', () => {
    expect(mayView(item(), 'psb').ok).toBe(true);
    expect(codeOf(mayView(item(), 'psb-city'))).toBe('CUSTOS_R3_1_NOT_THE_HOLDER');
    expect(codeOf(mayView(item({ status: 'COMPROMISED' }), 'psb'))).toBe('CUSTOS_R18_5_INTEGRITY_MISMATCH');
    expect(codeOf(mayView(item({ status: 'HANDED_OVER' }), 'psb'))).toBe('CUSTOS_R18_5_NOT_IN_CUSTODY');
  });

  it('challenges for an attestation only officers of the holder, or of a pending transfer\u2019s target (R18.5)', () => {
    expect(mayAttest(item(), li).ok).toBe(true);
    expect(codeOf(mayAttest(item(), liu))).toBe('CUSTOS_R3_1_NOT_THE_HOLDER');
    expect(mayAttest(item({ pendingTransfer: transfer() }), liu).ok).toBe(true);
    expect(codeOf(mayAttest(prepared(), officer('p-o', 'owner')))).toBe('CUSTOS_R18_5_NOT_HANDED_OVER');
  });

  it('delivers only to the two officers it was handed over to, with their recorded credentials, while intact and held by their organ (R18.5)', () => {
    expect(deliverableTo(item(), li)).toEqual({ ok: true, value: handOver });
    expect(codeOf(deliverableTo(item(), chen))).toBe('CUSTOS_R18_5_NOT_A_RECEIVING_OFFICER');
    expect(codeOf(deliverableTo(item(), { ...zhang, credentialNumber: 'C-OTHER' }))).toBe('CUSTOS_R18_5_NOT_A_RECEIVING_OFFICER');
    expect(codeOf(deliverableTo(item({ holderOrganisationId: 'psb-city' }), li))).toBe('CUSTOS_R3_1_NOT_THE_HOLDER');
    expect(codeOf(deliverableTo(item({ status: 'COMPROMISED' }), li))).toBe('CUSTOS_R18_5_INTEGRITY_MISMATCH');
    expect(codeOf(deliverableTo(prepared(), li))).toBe('CUSTOS_R18_5_NOT_HANDED_OVER');
  });
});

describe('an integrity check (R18.5)', () => {
  const RESPONSE = 'c'.repeat(64);
  const evidence = ({ stored = SHA, response = RESPONSE, challengeId = 'ch-1' } = {}) => ({
    storedSha256: stored,
    attestation: { challengeId, nonce: 'd'.repeat(64), issuedAt: NOW.toISOString(), response, expectedResponse: RESPONSE },
  });

  it('matches when the stored re-hash is the recorded hash and the attestation answers the challenge (R18.5)', () => {
    expect(integrityCheckOf(item(), li, evidence(), NOW)).toMatchObject({ ok: true, value: { match: true, expectedSha256: SHA, storedSha256: SHA, attestation: { result: 'MATCH' } } });
    expect(integrityCheckOf(item(), li, { storedSha256: SHA }, NOW)).toMatchObject({ ok: true, value: { match: true } });
  });

  it('names the RECEIVED copy when the attestation does not answer, and the STORED copy (the attestation unverifiable) when the re-hash differs (R18.5)', () => {
    expect(integrityCheckOf(item(), li, evidence({ response: 'e'.repeat(64) }), NOW)).toMatchObject({ ok: true, value: { match: false, failedCopy: 'RECEIVED' } });
    expect(integrityCheckOf(item(), li, evidence({ stored: 'f'.repeat(64) }), NOW)).toMatchObject({
      ok: true,
      value: { match: false, failedCopy: 'STORED', attestation: { result: 'UNVERIFIABLE' } },
    });
  });

  it('refuses a challenge answered before (R18.5)', () => {
    expect(codeOf(integrityCheckOf(item({ answeredChallenges: new Set(['ch-1']) }), li, evidence(), NOW))).toBe('CUSTOS_R18_5_CHALLENGE_USED');
  });
});

describe('a transfer (R18.1, R18.5)', () => {
  it('is asked for by the holder of an intact item in custody, one at a time (R18.5)', () => {
    expect(mayRequestTransfer(item(), li).ok).toBe(true);
    expect(codeOf(mayRequestTransfer(item(), liu))).toBe('CUSTOS_R3_1_NOT_THE_HOLDER');
    expect(codeOf(mayRequestTransfer(item({ status: 'COMPROMISED' }), li))).toBe('CUSTOS_R18_5_INTEGRITY_MISMATCH');
    expect(codeOf(mayRequestTransfer(item({ status: 'HANDED_OVER' }), li))).toBe('CUSTOS_R18_5_NOT_IN_CUSTODY');
    expect(codeOf(mayRequestTransfer(item({ pendingTransfer: transfer() }), li))).toBe('CUSTOS_R18_5_TRANSFER_PENDING');
  });

  it('is acknowledged by two distinct officers of the target, the named receiver among them (R18.1, R18.5)', () => {
    const pending = transfer({ toPersonId: 'p-chen' });
    expect(mayAcknowledgeTransfer(item({ pendingTransfer: pending }), 't-1', liu)).toEqual({ ok: true, value: { pending } });
    expect(codeOf(mayAcknowledgeTransfer(item({ pendingTransfer: pending }), 't-1', zhang))).toBe('CUSTOS_R3_1_NOT_THE_RECEIVER');
    const attested = item({ pendingTransfer: pending, transferAttestedBy: liu });
    expect(codeOf(mayAcknowledgeTransfer(attested, 't-1', liu))).toBe('CUSTOS_R18_1_SAME_OFFICER_TWICE');
    expect(codeOf(mayAcknowledgeTransfer(attested, 't-1', officer('p-ma', 'psb-city')))).toBe('CUSTOS_R3_1_NOT_THE_RECEIVER');
    expect(mayAcknowledgeTransfer(attested, 't-1', chen)).toEqual({ ok: true, value: { pending, first: liu } });
    expect(codeOf(mayAcknowledgeTransfer(attested, 't-2', chen))).toBe('CUSTOS_R18_5_NO_TRANSFER_PENDING');
    expect(codeOf(mayAcknowledgeTransfer(item({ status: 'COMPROMISED', pendingTransfer: pending }), 't-1', chen))).toBe('CUSTOS_R18_5_INTEGRITY_MISMATCH');
  });

  it('is withdrawn only by the holder, while still pending (R18.5)', () => {
    const pending = transfer();
    expect(mayCancelTransfer(item({ pendingTransfer: pending }), 't-1', zhang)).toEqual({ ok: true, value: pending });
    expect(codeOf(mayCancelTransfer(item({ pendingTransfer: pending }), 't-1', chen))).toBe('CUSTOS_R3_1_NOT_THE_HOLDER');
    expect(codeOf(mayCancelTransfer(item(), 't-1', zhang))).toBe('CUSTOS_R18_5_NO_TRANSFER_PENDING');
  });
});

describe('the hand-over confirmation window', () => {
  it('gives the second officer 15 minutes by default, in minutes for settings and milliseconds for clocks (R18.1)', () => {
    expect([DEFAULT_HAND_OVER_CONFIRM_MINUTES, DEFAULT_HAND_OVER_CONFIRM_MS]).toEqual([15, 15 * 60_000]);
  });
});
