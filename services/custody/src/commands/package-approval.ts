import { ApprovalDocument, issuerOfPresented, Result, verifyPackageApproval } from '@custos/domain';
import { ApprovalTrust } from '@custos/platform';
import { EvidenceItem } from '../domain/evidence-item.aggregate';

/**
 * Verifies the approval document presented for `item` at `at` (R18.5, `verifyPackageApproval`)
 * with what the approvals service trusts now: the issuing organ's key for the document's key
 * id, and, once there is one, its revoked numbers.
 */
export async function verifyApprovalFor(trust: ApprovalTrust, presented: object, item: EvidenceItem, at: Date): Promise<Result<ApprovalDocument>> {
  const issuer = issuerOfPresented(presented);
  const keyId = 'keyId' in presented ? String(presented.keyId) : '';
  const publicKey = issuer === '' ? undefined : await trust.issuerKey(issuer, keyId);
  const revokedNumbers = publicKey === undefined ? new Set<string>() : await trust.revokedNumbers(issuer);
  return verifyPackageApproval(presented, item.opened, { publicKey, revokedNumbers }, at);
}
