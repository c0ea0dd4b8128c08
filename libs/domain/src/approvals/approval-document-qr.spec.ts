import { generateKeyPairSync, sign } from 'node:crypto';
import { approvalQrQuery, approvalQrUrl, parseApprovalQr } from './approval-document-qr';

const signature = sign(null, Buffer.from('a document'), generateKeyPairSync('ed25519').privateKey).toString('base64');
const payload = { documentId: '3f1c2b9e-7a4d-4e2f-9b1a-0c5d6e7f8a9b', number: '610113-001-2026-000042', signature };

describe('the approval document QR payload (R18.5)', () => {
  it('round-trips id, number and signature through the verification URL', () => {
    const url = approvalQrUrl('http://127.0.0.1:3000/', payload);
    expect(url.startsWith('http://127.0.0.1:3000/verify?d=')).toBe(true);
    expect(parseApprovalQr(url)).toEqual(payload);
    expect(parseApprovalQr(approvalQrQuery(payload))).toEqual(payload);
    expect(parseApprovalQr(new URLSearchParams(approvalQrQuery(payload)))).toEqual(payload);
  });

  it('stays compact enough for a QR code of a printed page', () => {
    expect(approvalQrUrl('https://custos.example.gov.cn', payload).length).toBeLessThan(220);
  });

  it('reads nothing from a payload with a field missing or malformed', () => {
    const query = approvalQrQuery(payload);
    expect(parseApprovalQr(query.replace(/&s=[^&]*/, ''))).toBeUndefined();
    expect(parseApprovalQr(query.replace('610113-001', '610113-01'))).toBeUndefined();
    expect(parseApprovalQr(query.replace(/s=./, 's=!'))).toBeUndefined();
    expect(parseApprovalQr(query.replace(/d=./, 'd=x'))).toBeUndefined();
  });
});
