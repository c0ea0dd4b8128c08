/**
 * What the QR code printed on an approval document carries (R18.5): the document's own id, its
 * number and its Ed25519 signature, as the query of the console's verification page
 * (`<origin>/verify?d=…&n=…&s=…`, about 200 characters, a version-10 QR code). Whoever scans it
 * asks the issuer's public verification, which checks the signature over the document it holds
 * and its revocation; the payload alone authorises nothing. Pure string work: the console's
 * browser code uses the same functions.
 */
export interface ApprovalQrPayload {
  readonly documentId: string;
  readonly number: string;
  /** Standard base64, as the signed document carries it. */
  readonly signature: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NUMBER = /^\d{6,12}-\d{3}-\d{4}-\d{6}$/;
/** An Ed25519 signature is 64 bytes: 86 base64url characters without padding. */
const SIGNATURE_URL = /^[A-Za-z0-9_-]{86}$/;

const toBase64Url = (base64: string) => base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64Url = (url: string) => url.replace(/-/g, '+').replace(/_/g, '/') + '=='.slice(0, (4 - (url.length % 4)) % 4);

/** The query string of the verification page for a signed document: `d=<id>&n=<number>&s=<signature, base64url>`. */
export function approvalQrQuery(payload: ApprovalQrPayload): string {
  return new URLSearchParams({ d: payload.documentId, n: payload.number, s: toBase64Url(payload.signature) }).toString();
}

/** The whole URL the QR code holds, on the console's origin. */
export function approvalQrUrl(origin: string, payload: ApprovalQrPayload): string {
  return `${origin.replace(/\/+$/, '')}/verify?${approvalQrQuery(payload)}`;
}

/**
 * Reads a scanned payload (a URL, a query string or its parameters); undefined when it is not
 * one a document could carry (a field missing or malformed), which a verifier shows as tampered.
 */
export function parseApprovalQr(input: string | URLSearchParams): ApprovalQrPayload | undefined {
  let params: URLSearchParams;
  if (typeof input === 'string') {
    const query = input.includes('?') ? input.slice(input.indexOf('?') + 1) : input;
    params = new URLSearchParams(query.split('#')[0]);
  } else {
    params = input;
  }
  const documentId = params.get('d') ?? '';
  const number = params.get('n') ?? '';
  const signature = params.get('s') ?? '';
  if (!UUID.test(documentId) || !NUMBER.test(number) || !SIGNATURE_URL.test(signature)) return undefined;
  return { documentId, number, signature: fromBase64Url(signature) };
}

/** The patterns the verification endpoint checks its query against, shared with its DTO. */
export const APPROVAL_QR_PATTERNS = { documentId: UUID, number: NUMBER, signature: SIGNATURE_URL } as const;
