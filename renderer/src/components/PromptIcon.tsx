import { IdCard, QrCode, ScanFace } from 'lucide-react';

/** The picture of a way in on the attract screen: lucide's line icons, drawn inline (kiosks have no emoji font, and the CSP allows no remote images). */
export function PromptIcon({ kind }: { kind: 'idCard' | 'face' | 'qr' }) {
  const props = { width: 72, height: 72, strokeWidth: 1.75, 'aria-hidden': true } as const;
  if (kind === 'idCard') return <IdCard {...props} />;
  if (kind === 'face') return <ScanFace {...props} />;
  return <QrCode {...props} />;
}
