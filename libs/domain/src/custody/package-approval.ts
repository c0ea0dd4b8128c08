import { KeyObject } from 'node:crypto';
import { EvidenceItemOpened } from '@custos/contracts';
import { ApprovalDocument } from '../approvals/approval-document';
import { SignedApprovalDocument, verifyApprovalDocument } from '../approvals/approval-document-signature';
import { domainErrorOf } from '../errors';
import { err, Result } from '../result';

/** What an approval document must cover to release a package (R18.5): the export as custody opened it. */
export type ExportedPackage = Pick<EvidenceItemOpened, 'approvalDocumentId' | 'kind' | 'requestId' | 'cameraIds' | 'windowFrom' | 'windowTo'>;

/** An approval document as an officer presents it (R18.5): not trusted until verified. */
export interface PresentedApprovalDocument {
  readonly document: object;
  readonly signature: string;
  readonly keyId: string;
}

/**
 * Whether `presented` has the envelope of a signed approval document: a document object, its
 * signature and key id. What the document says is checked when it is verified
 * (`validateApprovalDocument`), after its signature: it arrives from outside.
 */
export function isSignedApprovalDocument(presented: unknown): presented is SignedApprovalDocument {
  if (typeof presented !== 'object' || presented === null) return false;
  const { document, signature, keyId } = presented as Partial<Record<keyof SignedApprovalDocument, unknown>>;
  return typeof document === 'object' && document !== null && typeof signature === 'string' && typeof keyId === 'string';
}

/** The organ whose key must have signed `presented`: the one its document names as issuer, '' when none. */
export function issuerOfPresented(presented: unknown): string {
  if (!isSignedApprovalDocument(presented)) return '';
  const issuer: unknown = presented.document.issuingOrganisationId;
  return typeof issuer === 'string' ? issuer : '';
}

/** What custody learnt of the issuing organ: its key for the document's key id, if it has one, and its revoked numbers. */
export interface IssuerTrust {
  readonly publicKey: KeyObject | undefined;
  readonly revokedNumbers: ReadonlySet<string>;
}

/**
 * May `presented` release `pkg` at `at` (R18.5)? Signed with a key of the organ it names as
 * issuer, well formed, unrevoked, valid at `at`, and authorising exactly this package: the
 * very document it was exported on (by its signed id, never by number alone), same kind, same
 * request, every packaged camera and the whole packaged window.
 */
export function verifyPackageApproval(presented: unknown, pkg: ExportedPackage, issuer: IssuerTrust, at: Date): Result<ApprovalDocument> {
  const number = isSignedApprovalDocument(presented) ? presented.document.number : undefined;
  if (!isSignedApprovalDocument(presented) || issuer.publicKey === undefined) {
    return err(domainErrorOf('CUSTOS_R18_5_SIGNATURE_INVALID', { number, problem: 'not a key of the issuing organ' }));
  }
  const exportedOn = pkg.approvalDocumentId;
  if (exportedOn !== undefined && presented.document.documentId !== exportedOn) {
    return err(
      domainErrorOf('CUSTOS_R18_5_OUT_OF_SCOPE', {
        number: presented.document.number,
        outOfScope: 'DOCUMENT',
        authorised: exportedOn,
        presented: String(presented.document.documentId),
      }),
    );
  }
  return verifyApprovalDocument(presented, {
    publicKey: issuer.publicKey,
    at,
    revokedNumbers: issuer.revokedNumbers,
    requested: { kind: pkg.kind, requestId: pkg.requestId, cameraIds: pkg.cameraIds, window: { from: new Date(pkg.windowFrom), to: new Date(pkg.windowTo) } },
  });
}
