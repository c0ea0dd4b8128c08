import {
  ApprovalDocument,
  DomainError,
  domainErrorOf,
  err,
  ok,
  Result,
  SignedApprovalDocument,
  verifyApprovalDocument,
} from '@custos/domain';
import { ApprovalTrust, operatorClaimsHeld, OrganisationClaims } from '@custos/platform';
import { CameraDirectory, CameraOwnership } from './camera-directory.port';
import { STORAGE_ERRORS } from './storage.errors';

export interface ApprovedScope {
  readonly doc: ApprovalDocument & { readonly kind: 'COPY' | 'RETRIEVE' };
  readonly cameraIds: readonly string[];
  readonly window: { readonly from: Date; readonly to: Date };
}

/**
 * What an owner may act on under an approved copy or retrieval (R18.5): the document verified
 * with the issuing organ's trusted key (signature, form, revocation, validity), of kind COPY
 * or RETRIEVE, and the cameras and window asked for (by default its whole scope, a missing
 * bound being the approved one) within it.
 * Both an export and a "not held" answer (R16.7) rest on it.
 */
export async function approvedScopeOf(
  trust: ApprovalTrust,
  approval: SignedApprovalDocument,
  now: Date,
  asked: { cameraIds?: readonly string[]; window?: { from?: Date; to?: Date } } = {},
): Promise<Result<ApprovedScope, DomainError>> {
  const doc = approval.document;
  const issuer = typeof doc?.issuingOrganisationId === 'string' ? doc.issuingOrganisationId : '';
  const publicKey = await trust.issuerKey(issuer, approval.keyId);
  if (!publicKey) {
    return err(domainErrorOf('CUSTOS_R18_5_SIGNATURE_INVALID', { number: doc?.number, problem: 'not a key of the issuing organ' }));
  }
  const context = { publicKey, at: now, revokedNumbers: await trust.revokedNumbers(issuer) };
  // First the document itself (signature, form, revocation, validity), then what is asked of it.
  const genuine = verifyApprovalDocument(approval, context);
  if (!genuine.ok) return genuine;
  if (doc.kind !== 'COPY' && doc.kind !== 'RETRIEVE') {
    return err(domainErrorOf('CUSTOS_R18_5_WRONG_KIND', { number: doc.number, authorised: doc.kind, requested: 'COPY or RETRIEVE' }));
  }
  const cameraIds = asked.cameraIds ?? doc.scope.cameraIds;
  // A bound left out is the approved bound.
  const window = {
    from: asked.window?.from ?? new Date(doc.scope.window.from),
    to: asked.window?.to ?? new Date(doc.scope.window.to),
  };
  if (!(window.from.getTime() < window.to.getTime())) {
    return err(domainErrorOf('CUSTOS_INPUT_WINDOW_EMPTY', { from: String(window.from), to: String(window.to) }));
  }
  const verified = verifyApprovalDocument(approval, { ...context, requested: { kind: doc.kind, cameraIds, window } });
  if (!verified.ok) return verified;
  return ok({ doc: { ...doc, kind: doc.kind }, cameraIds, window });
}

/**
 * The cameras of the scope the caller's organisation owns (R3.1); refused when it owns none.
 * The caller's organisation and division are the registry's for them, never the token's claims
 * alone (R3.1, R5.1, issue 16): once this answers, the token's organisation and division are
 * the registry's.
 */
export async function ownCamerasOf(
  directory: CameraDirectory,
  cameraIds: readonly string[],
  caller: OrganisationClaims,
): Promise<Result<CameraOwnership[], DomainError>> {
  const registered = await operatorClaimsHeld(directory, caller);
  if (!registered.ok) return registered;
  const owned: CameraOwnership[] = [];
  for (const cameraId of cameraIds) {
    const camera = await directory.cameraOf(cameraId);
    if (camera?.organisationId === registered.value.id) owned.push(camera);
  }
  if (owned.length === 0) return err(STORAGE_ERRORS.noOwnCameraInScope(cameraIds));
  return ok(owned);
}
