import { ApprovalDocument, domainErrorOf, err, Result, SignedApprovalDocument, verifyApprovalDocument } from '@custos/domain';
import { ApprovalTrust } from '@custos/platform';
import { EvidenceItem } from './evidence-item.aggregate';

/**
 * Checks the approval document presented at hand-over (R18.5) with the issuing organ's trusted
 * key: signature, form, revocation, validity at `at`, and that it authorises exactly this
 * package: the very document it was exported on (by its signed id, never by number alone),
 * same kind, same request, every packaged camera and the whole packaged window.
 */
export async function verifyApprovalFor(
  trust: ApprovalTrust,
  signed: SignedApprovalDocument,
  item: EvidenceItem,
  at: Date,
): Promise<Result<ApprovalDocument>> {
  const issuer = typeof signed?.document?.issuingOrganisationId === 'string' ? signed.document.issuingOrganisationId : '';
  const publicKey = issuer === '' ? undefined : await trust.issuerKey(issuer, String(signed.keyId));
  if (!publicKey) {
    return err(domainErrorOf('CUSTOS_R18_5_SIGNATURE_INVALID', { number: signed?.document?.number, problem: 'not a key of the issuing organ' }));
  }
  const p = item.opened;
  const exportedOn = p.approvalDocumentId;
  if (exportedOn !== undefined && signed.document.documentId !== exportedOn) {
    return err(
      domainErrorOf('CUSTOS_R18_5_OUT_OF_SCOPE', {
        number: signed.document.number,
        outOfScope: 'DOCUMENT',
        authorised: exportedOn,
        presented: String(signed.document.documentId),
      }),
    );
  }
  return verifyApprovalDocument(signed, {
    publicKey,
    at,
    revokedNumbers: await trust.revokedNumbers(issuer),
    requested: {
      kind: p.kind,
      requestId: p.requestId,
      cameraIds: p.cameraIds,
      window: { from: new Date(p.windowFrom), to: new Date(p.windowTo) },
    },
  });
}
