import { render, waitFor } from '@testing-library/react';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { QrCode } from './qr-code';
import { approvalQrUrl, parseApprovalQr } from './qr-payload';

const payload = {
  documentId: '3f1c2b9e-7a4d-4e2f-9b1a-0c5d6e7f8a9b',
  number: '610113-001-2026-000042',
  // 64 bytes, as an Ed25519 signature is.
  signature: btoa(String.fromCharCode(...Array.from({ length: 64 }, (_, i) => (i * 37 + 11) % 256))),
};

describe('the approval document QR payload (R18.5)', () => {
  it('encodes id, number and signature into the verification URL and reads them back', () => {
    const url = approvalQrUrl('https://console.example', payload);
    expect(url).toMatch(
      /^https:\/\/console\.example\/verify\?d=3f1c2b9e-.*&n=610113-001-2026-000042&s=[A-Za-z0-9_-]{86}$/,
    );
    expect(parseApprovalQr(url)).toEqual(payload);
    expect(parseApprovalQr(new URL(url).searchParams)).toEqual(payload);
  });

  it('reads nothing from an altered payload: a shortened signature or a mangled number', () => {
    const url = approvalQrUrl('https://console.example', payload);
    expect(parseApprovalQr(url.slice(0, -1))).toBeUndefined();
    expect(parseApprovalQr(url.replace('-001-', '-01-'))).toBeUndefined();
  });

  it('draws the URL as an SVG QR code whose modules encode exactly that URL, labelled for screen readers', async () => {
    const url = approvalQrUrl('https://console.example', payload);
    const { container, getByRole } = render(<QrCode text={url} label="核验二维码" />);
    await waitFor(() => expect(container.querySelector('[data-qr-ready="true"] svg')).not.toBeNull());
    expect(getByRole('img', { name: '核验二维码' })).toBeTruthy();
    // The drawn code is the encoder's code for this text: same size, and its segment holds the URL.
    const code = QRCode.create(url, { errorCorrectionLevel: 'M' });
    const viewBox = container.querySelector('svg')!.getAttribute('viewBox')!.split(' ').map(Number);
    expect(viewBox[2]).toBe(code.modules.size + 2);
    expect(
      code.segments
        .map((s) => (s as unknown as { data: Uint8Array | string }).data)
        .map((d) => (typeof d === 'string' ? d : new TextDecoder().decode(d)))
        .join(''),
    ).toBe(url);
  });
});
