import { useMemo } from 'react';
import QRCode from 'qrcode';

const QUIET_ZONE = 4;

/**
 * A QR code drawn as SVG from the modules the `qrcode` library computes: crisp at any size and
 * readable by a phone from the screen, with the quiet zone of 4 modules the standard asks for.
 */
export function QrCode({ text, label, testId, size = 240 }: { text: string; label: string; testId?: string; size?: number }) {
  const { side, path } = useMemo(() => {
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    let d = '';
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        if (modules.get(row, col)) d += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`;
      }
    }
    return { side: modules.size + 2 * QUIET_ZONE, path: d };
  }, [text]);
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      data-testid={testId}
      data-qr-text={text}
      width={size}
      height={size}
      viewBox={`0 0 ${side} ${side}`}
      shapeRendering="crispEdges"
    >
      <rect width={side} height={side} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
