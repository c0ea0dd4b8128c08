import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/**
 * A QR code drawn as SVG (crisp in print and PDF at any size), error correction M so a
 * creased or stamped paper still scans. `data-qr-ready` tells the PDF renderer it is drawn.
 */
export function QrCode({ text, label, size = 132 }: { text: string; label: string; size?: number }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }).then((s) => live && setSvg(s));
    return () => {
      live = false;
    };
  }, [text]);
  return (
    <div
      role="img"
      aria-label={label}
      data-qr-ready={svg ? 'true' : undefined}
      data-qr-text={text}
      style={{ width: size, height: size }}
      dangerouslySetInnerHTML={{ __html: svg ?? '' }}
    />
  );
}
