import { describe, expect, it } from 'vitest';
import { approvalQrUrl } from '../head/qr-payload';
import type { FulfilmentItem } from './owner-ui';
import { presentedPayload } from './verify-document';

const SIGNATURE = Buffer.alloc(64, 7).toString('base64');
const signed = {
  document: { documentId: '3f1c2b7e-8a4d-4c5e-9f60-1b2c3d4e5f60', number: '610113-001-2026-000042' },
  signature: SIGNATURE,
  keyId: 'k',
};
const queue = [
  {
    requestId: 'r-1',
    decision: { documentNumber: signed.document.number, signedDocument: signed },
  } as unknown as FulfilmentItem,
];

describe('what the owner was presented: QR content or a document number (R18.5)', () => {
  it('takes a number from the request waiting for me that carries its document', () => {
    expect(presentedPayload(' 610113-001-2026-000042 ', queue)).toEqual({
      documentId: signed.document.documentId,
      number: signed.document.number,
      signature: SIGNATURE,
    });
    expect(presentedPayload('610113-001-2026-000043', queue)).toEqual({ unknownNumber: '610113-001-2026-000043' });
  });

  it('reads the QR content, also with a changed signature (which the issuer then finds tampered), and refuses what is neither', () => {
    const url = new URL(approvalQrUrl('http://127.0.0.1:3000', { ...signed.document, signature: signed.signature }));
    const s = url.searchParams.get('s')!;
    url.searchParams.set('s', s.slice(0, 10) + (s[10] === 'A' ? 'B' : 'A') + s.slice(11));
    const read = presentedPayload(url.toString(), queue);
    expect(read).toMatchObject({ documentId: signed.document.documentId, number: signed.document.number });
    expect((read as { signature: string }).signature).not.toBe(SIGNATURE);
    expect(presentedPayload('hello', queue)).toBeUndefined();
  });
});
