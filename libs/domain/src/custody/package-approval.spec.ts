import { generateKeyPairSync } from 'node:crypto';
import { signApprovalDocument, SignedApprovalDocument } from '../approvals/approval-document-signature';
import { DOCUMENT } from '../approvals/approval-document.fixture';
import { ExportedPackage, isSignedApprovalDocument, issuerOfPresented, IssuerTrust, verifyPackageApproval } from './package-approval';

const keys = generateKeyPairSync('ed25519');
const AT = new Date('2026-02-16T09:30:00Z');
const signedDocument = ((): SignedApprovalDocument => {
  const result = signApprovalDocument(DOCUMENT, keys.privateKey);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
})();
const pkg: ExportedPackage = {
  approvalDocumentId: DOCUMENT.documentId,
  kind: 'COPY',
  requestId: 'req-7',
  cameraIds: ['cam-1'],
  windowFrom: '2026-02-10T09:30:00.000Z',
  windowTo: '2026-02-10T10:30:00.000Z',
};
const trusted: IssuerTrust = { publicKey: keys.publicKey, revokedNumbers: new Set<string>() };
const outcome = (presented: unknown, p: ExportedPackage = pkg, issuer = trusted, at = AT) => {
  const result = verifyPackageApproval(presented, p, issuer, at);
  return result.ok ? 'VALID' : `${result.error.code}${result.error.details?.outOfScope ? ` ${String(result.error.details.outOfScope)}` : ''}`;
};

describe('the approval document that releases a package (R18.5)', () => {
  it('releases the package it was exported on, signed by a key of its issuing organ', () => {
    expect(outcome(signedDocument)).toBe('VALID');
    expect(issuerOfPresented(signedDocument)).toBe('psb-yanta');
  });

  it('refuses a document without a key of the organ it names, or not of the signed form (R18.5)', () => {
    expect(outcome(signedDocument, pkg, { ...trusted, publicKey: undefined })).toBe('CUSTOS_R18_5_SIGNATURE_INVALID');
    expect(outcome({ document: 'x', signature: 's', keyId: 'k' })).toBe('CUSTOS_R18_5_SIGNATURE_INVALID');
    expect([isSignedApprovalDocument(null), isSignedApprovalDocument({ document: {}, signature: 's' }), issuerOfPresented({})]).toEqual([false, false, '']);
  });

  it('refuses another document than the one the package was exported on, by its signed id, not its number (R18.5)', () => {
    expect(outcome(signedDocument, { ...pkg, approvalDocumentId: 'another-document' })).toBe('CUSTOS_R18_5_OUT_OF_SCOPE DOCUMENT');
    expect(outcome(signedDocument, { ...pkg, approvalDocumentId: undefined })).toBe('VALID');
  });

  it('refuses a revoked or expired document, and one not covering every packaged camera, the whole window or the request (R18.5)', () => {
    expect(outcome(signedDocument, pkg, { ...trusted, revokedNumbers: new Set([DOCUMENT.number]) })).toBe('CUSTOS_R18_5_REVOKED');
    expect(outcome(signedDocument, pkg, trusted, new Date(DOCUMENT.validUntil))).toBe('CUSTOS_R18_5_EXPIRED');
    expect(outcome(signedDocument, { ...pkg, cameraIds: ['cam-9'] })).toBe('CUSTOS_R18_5_OUT_OF_SCOPE CAMERA');
    expect(outcome(signedDocument, { ...pkg, windowTo: '2026-02-10T12:00:00.000Z' })).toBe('CUSTOS_R18_5_OUT_OF_SCOPE WINDOW');
    expect(outcome(signedDocument, { ...pkg, requestId: 'req-8' })).toBe('CUSTOS_R18_5_OUT_OF_SCOPE REQUEST');
  });
});
