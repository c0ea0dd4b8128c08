import { createHash, createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { canonicalBytes } from '@custos/contracts';
import { domainErrorOf } from '../errors';
import { RequestKind } from '../requests/request-kind';
import { err, ok, Result } from '../result';
import { TimeWindow, windowContains } from '../shared/time-window';
import { ApprovalDocument, validateApprovalDocument } from './approval-document';

export interface SignedApprovalDocument {
  readonly document: ApprovalDocument;
  /** Base64 Ed25519 signature over `canonicalBytes(document)` (RFC 8785). */
  readonly signature: string;
  /** Which key signed: see `keyIdOf`. */
  readonly keyId: string;
}

/**
 * A signed document as it was presented (a request's body) or stored (an event, a row), read
 * as the domain's type before anything is checked: `verifyApprovalDocument` checks its signature
 * and every field wherever it is relied on (R18.5); an event's was signed by approvals itself.
 */
export function presentedApprovalDocument(presented: object): SignedApprovalDocument {
  return presented as SignedApprovalDocument;
}

/** What the officers ask to do with the document at hand-over (R18.5). */
export interface RequestedAccess {
  readonly kind: RequestKind;
  readonly cameraIds: readonly string[];
  readonly window: TimeWindow;
  readonly imageSystemIds?: readonly string[];
  readonly requestId?: string;
}

export interface VerificationContext {
  readonly publicKey: KeyObject;
  readonly at: Date;
  /** Revoked numbers of the issuing organ: numbers are unique per organ, like serials per CA. */
  readonly revokedNumbers: ReadonlySet<string>;
  readonly requested?: RequestedAccess;
}

/** Key identifier: hex SHA-256 of the public key's SPKI DER encoding. */
export function keyIdOf(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

function assertEd25519(key: KeyObject): void {
  // A wrong key type is a deployment error, not a property of the document: it is thrown.
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new TypeError(`approval documents are signed with Ed25519, not ${key.asymmetricKeyType}`);
  }
}

/**
 * Only the fields of the document type are signed, so nothing a caller attached rides along.
 * `rulePack` is signed when the document has one (issue 21); a document without it has the
 * bytes it always had, so documents signed before it existed keep verifying.
 */
function documentFields(doc: ApprovalDocument): ApprovalDocument {
  return {
    documentId: doc.documentId,
    number: doc.number,
    issuingOrganisationId: doc.issuingOrganisationId,
    requestId: doc.requestId,
    requestingOrganisationId: doc.requestingOrganisationId,
    caseReference: doc.caseReference,
    purpose: doc.purpose,
    filedBy: { personId: doc.filedBy.personId },
    coSignedBy: { personId: doc.coSignedBy.personId },
    kind: doc.kind,
    scope: {
      imageSystemIds: [...doc.scope.imageSystemIds],
      cameraIds: [...doc.scope.cameraIds],
      window: { from: doc.scope.window.from, to: doc.scope.window.to },
    },
    validFrom: doc.validFrom,
    validUntil: doc.validUntil,
    signer: { personId: doc.signer.personId, organisationId: doc.signer.organisationId },
    issuedAt: doc.issuedAt,
    ...(doc.rulePack === undefined ? {} : { rulePack: { id: doc.rulePack.id, version: doc.rulePack.version } }),
  };
}

/**
 * Signs an approval document (R18.5) with the issuing organ's Ed25519 key, over the RFC 8785
 * canonical bytes, so that any party can check it offline without trusting the transport.
 * A malformed document is refused rather than signed.
 */
export function signApprovalDocument(
  doc: ApprovalDocument,
  privateKey: KeyObject,
): Result<SignedApprovalDocument> {
  assertEd25519(privateKey);
  const valid = validateApprovalDocument(doc);
  if (!valid.ok) return valid;
  const document = documentFields(doc);
  const signature = sign(null, canonicalBytes(document), privateKey).toString('base64');
  return ok({ document, signature, keyId: keyIdOf(privateKey) });
}

function signatureVerifies(signed: SignedApprovalDocument, publicKey: KeyObject): boolean {
  try {
    return verify(
      null,
      canonicalBytes(signed.document),
      publicKey,
      Buffer.from(signed.signature, 'base64'),
    );
  } catch {
    // A document with no JSON form or a signature of the wrong shape proves nothing.
    return false;
  }
}

/** Why the signature proves nothing (R18.5), or undefined when it verifies under `publicKey`. */
function signatureProblem(signed: SignedApprovalDocument, publicKey: KeyObject): string | undefined {
  if (typeof signed?.signature !== 'string' || signed.keyId !== keyIdOf(publicKey)) {
    return 'key id does not match the key';
  }
  return signatureVerifies(signed, publicKey) ? undefined : 'signature does not verify';
}

/**
 * That the document authorises the requested access (R18.5): its kind, its request, every
 * requested image system and camera, and the whole requested window.
 */
function coversRequested(
  doc: ApprovalDocument,
  authorisedWindow: TimeWindow,
  requested: RequestedAccess,
): Result<ApprovalDocument> {
  if (requested.kind !== doc.kind) {
    return err(
      domainErrorOf('CUSTOS_R18_5_WRONG_KIND', {
        number: doc.number,
        authorised: doc.kind,
        requested: requested.kind,
      }),
    );
  }
  const outOfScope = (what: string, extra: Record<string, unknown>) =>
    err(
      domainErrorOf('CUSTOS_R18_5_OUT_OF_SCOPE', {
        number: doc.number,
        outOfScope: what,
        ...extra,
      }),
    );
  if (requested.requestId !== undefined && requested.requestId !== doc.requestId) {
    return outOfScope('REQUEST', { authorised: doc.requestId, requested: requested.requestId });
  }
  const systemsOutside = (requested.imageSystemIds ?? []).filter(
    (id) => !doc.scope.imageSystemIds.includes(id),
  );
  if (systemsOutside.length > 0)
    return outOfScope('IMAGE_SYSTEM', { imageSystemIds: systemsOutside });
  const camerasOutside = requested.cameraIds.filter((id) => !doc.scope.cameraIds.includes(id));
  if (camerasOutside.length > 0) return outOfScope('CAMERA', { cameraIds: camerasOutside });
  if (!windowContains(authorisedWindow, requested.window)) {
    return outOfScope('WINDOW', {
      authorised: doc.scope.window,
      requested: {
        from: requested.window.from.toISOString(),
        to: requested.window.to.toISOString(),
      },
    });
  }
  return ok(doc);
}

/**
 * Verifies the approval document presented at hand-over (R18.5), in this order: the signature
 * (any change to the document, or another key, fails it), well-formedness, revocation, the
 * validity period at `at` (validFrom <= at < validUntil), then, when `requested` is given,
 * that the document authorises this kind of access for this request, every requested image
 * system and camera, and the whole requested window.
 */
export function verifyApprovalDocument(
  signed: SignedApprovalDocument,
  context: VerificationContext,
): Result<ApprovalDocument> {
  const { publicKey, at, revokedNumbers, requested } = context;
  assertEd25519(publicKey);
  const number = typeof signed?.document?.number === 'string' ? signed.document.number : undefined;

  const problem = signatureProblem(signed, publicKey);
  if (problem !== undefined) {
    return err(domainErrorOf('CUSTOS_R18_5_SIGNATURE_INVALID', { number, problem }));
  }

  const doc = signed.document;
  const times = validateApprovalDocument(doc);
  if (!times.ok) return times;

  if (revokedNumbers.has(doc.number)) {
    return err(domainErrorOf('CUSTOS_R18_5_REVOKED', { number: doc.number }));
  }
  const validity = {
    number: doc.number,
    at: at.toISOString(),
    validFrom: doc.validFrom,
    validUntil: doc.validUntil,
  };
  if (at.getTime() < times.value.validFrom.getTime()) {
    return err(domainErrorOf('CUSTOS_R18_5_NOT_YET_VALID', validity));
  }
  if (at.getTime() >= times.value.validUntil.getTime()) {
    return err(domainErrorOf('CUSTOS_R18_5_EXPIRED', validity));
  }
  if (requested === undefined) return ok(doc);

  return coversRequested(doc, times.value.window, requested);
}

