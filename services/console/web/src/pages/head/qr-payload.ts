/**
 * The QR payload of an approval document: the same pure functions the approvals service uses
 * (libs/domain, no Node imports), so the printed code and the verification page read one format.
 */
export { approvalQrQuery, approvalQrUrl, parseApprovalQr, type ApprovalQrPayload } from '../../../../../../libs/domain/src/approvals/approval-document-qr';
