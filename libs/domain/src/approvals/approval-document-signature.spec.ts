import { generateKeyPairSync, sign } from 'node:crypto';
import { canonicalBytes } from '@custos/contracts';
import { ApprovalDocument } from './approval-document';
import {
  keyIdOf,
  RequestedAccess,
  SignedApprovalDocument,
  signApprovalDocument,
  verifyApprovalDocument,
  VerificationContext,
} from './approval-document-signature';
import { DOCUMENT } from './approval-document.fixture';

const keys = generateKeyPairSync('ed25519');
const otherKeys = generateKeyPairSync('ed25519');


const handOverAt = new Date('2026-02-16T09:30:00Z');
const requested: RequestedAccess = {
  kind: 'COPY',
  requestId: 'req-7',
  imageSystemIds: ['sys-metro'],
  cameraIds: ['cam-1'],
  window: { from: new Date('2026-02-10T09:30:00Z'), to: new Date('2026-02-10T10:30:00Z') },
};

function signed(doc: ApprovalDocument = DOCUMENT): SignedApprovalDocument {
  const result = signApprovalDocument(doc, keys.privateKey);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

function verify(s: SignedApprovalDocument, context: Partial<VerificationContext> = {}) {
  const result = verifyApprovalDocument(s, {
    publicKey: keys.publicKey,
    at: handOverAt,
    revokedNumbers: new Set(),
    requested,
    ...context,
  });
  return result.ok ? 'VALID' : result.error.code;
}

describe('signApprovalDocument (R18.5)', () => {
  it('signs the canonical bytes with Ed25519 and names the key', () => {
    const s = signed();
    expect(s.keyId).toBe(keyIdOf(keys.publicKey));
    expect(Buffer.from(s.signature, 'base64')).toHaveLength(64);
    expect(s.document).toEqual(DOCUMENT);
  });

  it('signs only the fields of the document type', () => {
    const withExtra = { ...DOCUMENT, note: 'not part of the decision' } as ApprovalDocument;
    expect(signed(withExtra).document).not.toHaveProperty('note');
  });

  it('refuses to sign a malformed document (R18.5)', () => {
    const result = signApprovalDocument(
      { ...DOCUMENT, validUntil: DOCUMENT.validFrom },
      keys.privateKey,
    );
    expect(!result.ok && result.error.code).toBe('CUSTOS_R18_5_DOCUMENT_MALFORMED');
  });

  it('refuses a key that is not Ed25519 by throwing: a deployment error', () => {
    const x25519 = generateKeyPairSync('x25519');
    expect(() => signApprovalDocument(DOCUMENT, x25519.privateKey)).toThrow(TypeError);
  });
});

describe('verifyApprovalDocument (R18.5)', () => {
  it('accepts an untouched document within its validity and scope (R18.5)', () => {
    expect(verify(signed())).toBe('VALID');
  });

  it('accepts a document without a requested access to compare against (R18.5)', () => {
    expect(verify(signed(), { requested: undefined })).toBe('VALID');
  });

  it('returns the verified document', () => {
    const result = verifyApprovalDocument(signed(), {
      publicKey: keys.publicKey,
      at: handOverAt,
      revokedNumbers: new Set(),
    });
    expect(result.ok && result.value).toEqual(DOCUMENT);
  });

  it.each<[string, (doc: ApprovalDocument) => ApprovalDocument]>([
    [
      'a widened window',
      (d) => ({
        ...d,
        scope: { ...d.scope, window: { ...d.scope.window, to: '2026-02-10T23:00:00.000Z' } },
      }),
    ],
    [
      'an added camera',
      (d) => ({ ...d, scope: { ...d.scope, cameraIds: [...d.scope.cameraIds, 'cam-9'] } }),
    ],
    ['an extended validity', (d) => ({ ...d, validUntil: '2027-02-22T12:00:00.000Z' })],
    ['a changed kind', (d) => ({ ...d, kind: 'RETRIEVE' })],
    ['another signer', (d) => ({ ...d, signer: { ...d.signer, personId: 'p-deputy' } })],
    ['an added field', (d) => ({ ...d, extra: true }) as ApprovalDocument],
  ])('refuses a document tampered with by %s (R18.5)', (_label, tamper) => {
    const s = signed();
    expect(verify({ ...s, document: tamper(s.document) })).toBe('CUSTOS_R18_5_SIGNATURE_INVALID');
  });

  it('refuses a signature made by another key under our key id (R18.5)', () => {
    const forged = signApprovalDocument(DOCUMENT, otherKeys.privateKey);
    if (!forged.ok) throw new Error('unexpected');
    expect(verify({ ...forged.value, keyId: keyIdOf(keys.publicKey) })).toBe(
      'CUSTOS_R18_5_SIGNATURE_INVALID',
    );
  });

  it('refuses a document verified against the wrong public key (R18.5)', () => {
    expect(verify(signed(), { publicKey: otherKeys.publicKey })).toBe(
      'CUSTOS_R18_5_SIGNATURE_INVALID',
    );
  });

  it('refuses a garbled signature (R18.5)', () => {
    expect(verify({ ...signed(), signature: 'not-a-signature' })).toBe(
      'CUSTOS_R18_5_SIGNATURE_INVALID',
    );
  });

  it('refuses a revoked document (R18.5)', () => {
    expect(verify(signed(), { revokedNumbers: new Set(['610113-001-2026-000042']) })).toBe(
      'CUSTOS_R18_5_REVOKED',
    );
  });

  it('ignores the revocation of another number (R18.5)', () => {
    expect(verify(signed(), { revokedNumbers: new Set(['610113-001-2026-000043']) })).toBe('VALID');
  });

  it('refuses a document one millisecond before it becomes valid (R18.5)', () => {
    expect(verify(signed(), { at: new Date('2026-02-15T11:59:59.999Z') })).toBe(
      'CUSTOS_R18_5_NOT_YET_VALID',
    );
  });

  it('accepts a document at the first instant of validity (R18.5)', () => {
    expect(verify(signed(), { at: new Date('2026-02-15T12:00:00.000Z') })).toBe('VALID');
  });

  it('refuses an expired document at the instant validUntil (R18.5)', () => {
    expect(verify(signed(), { at: new Date('2026-02-22T12:00:00.000Z') })).toBe(
      'CUSTOS_R18_5_EXPIRED',
    );
  });

  it('refuses a copy document presented for a retrieval (R18.5)', () => {
    expect(verify(signed(), { requested: { ...requested, kind: 'RETRIEVE' } })).toBe(
      'CUSTOS_R18_5_WRONG_KIND',
    );
  });

  it('refuses a camera outside the scope (R18.5)', () => {
    expect(verify(signed(), { requested: { ...requested, cameraIds: ['cam-1', 'cam-3'] } })).toBe(
      'CUSTOS_R18_5_OUT_OF_SCOPE',
    );
  });

  it('refuses an image system outside the scope (R18.5)', () => {
    expect(verify(signed(), { requested: { ...requested, imageSystemIds: ['sys-bank'] } })).toBe(
      'CUSTOS_R18_5_OUT_OF_SCOPE',
    );
  });

  it('refuses a window reaching one second past the scope (R18.5)', () => {
    const window = { from: new Date('2026-02-10T10:00:00Z'), to: new Date('2026-02-10T11:00:01Z') };
    expect(verify(signed(), { requested: { ...requested, window } })).toBe(
      'CUSTOS_R18_5_OUT_OF_SCOPE',
    );
  });

  it('accepts exactly the scope window (R18.5)', () => {
    const window = { from: new Date('2026-02-10T09:00:00Z'), to: new Date('2026-02-10T11:00:00Z') };
    expect(verify(signed(), { requested: { ...requested, window } })).toBe('VALID');
  });

  it('refuses a document issued for another request (R18.5)', () => {
    expect(verify(signed(), { requested: { ...requested, requestId: 'req-8' } })).toBe(
      'CUSTOS_R18_5_OUT_OF_SCOPE',
    );
  });
});

describe('the rule pack in the signed document (issue 21)', () => {
  const SHAANXI_2026 = { id: 'CN2025+SX2012', version: '1.0.0+1.0.0' };

  it('keeps verifying a document signed before the pack was named: its bytes never had the field (R18.5)', () => {
    // As the signer before issue 21 made it: the canonical bytes of the document without `rulePack`.
    const before: SignedApprovalDocument = {
      document: DOCUMENT,
      signature: sign(null, canonicalBytes(DOCUMENT), keys.privateKey).toString('base64'),
      keyId: keyIdOf(keys.publicKey),
    };
    expect(verify(before)).toBe('VALID');
    expect(signed(DOCUMENT).signature).toBe(before.signature);
  });

  it('signs the pack with the rest when the document names it: changing or removing it breaks the signature (R18.5)', () => {
    const s = signed({ ...DOCUMENT, rulePack: SHAANXI_2026 });
    expect(s.document.rulePack).toEqual(SHAANXI_2026);
    expect(verify(s)).toBe('VALID');
    expect(verify({ ...s, document: { ...s.document, rulePack: { id: 'SX2012', version: '1.0.0' } } })).toBe('CUSTOS_R18_5_SIGNATURE_INVALID');
    const { rulePack: _dropped, ...withoutPack } = s.document;
    expect(verify({ ...s, document: withoutPack })).toBe('CUSTOS_R18_5_SIGNATURE_INVALID');
  });

  it('refuses to sign a pack that is not {id, version} (R18.5)', () => {
    const result = signApprovalDocument({ ...DOCUMENT, rulePack: { id: '', version: '1.0.0' } }, keys.privateKey);
    expect(result.ok ? 'SIGNED' : result.error.code).toBe('CUSTOS_R18_5_DOCUMENT_MALFORMED');
  });
});
