/**
 * The QR payload of an approval document: the same pure functions the approvals service uses
 * (libs/domain, no Node imports), so the printed code and the verification page read one format.
 */
export { approvalQrQuery, approvalQrUrl, parseApprovalQr, type ApprovalQrPayload } from '../../../../../../libs/domain/src/approvals/approval-document-qr';

/** How a verification's status shows (antd Result's status): valid, revoked, expired, not yet valid, tampered (R18.5). */
export const VERIFICATION_RESULT_STATUS = {
  VALID: 'success',
  REVOKED: 'error',
  EXPIRED: 'warning',
  NOT_YET_VALID: 'warning',
  TAMPERED: 'error',
} as const;
