/** Line icons drawn inline: kiosks have no emoji font, and the CSP allows no remote images. */
export function PromptIcon({ kind }: { kind: 'idCard' | 'face' | 'qr' }) {
  const common = { width: 72, height: 72, viewBox: '0 0 72 72', fill: 'none', stroke: 'currentColor', strokeWidth: 4, 'aria-hidden': true } as const;
  if (kind === 'idCard') {
    return (
      <svg {...common}>
        <rect x="6" y="16" width="60" height="40" rx="6" />
        <circle cx="24" cy="34" r="7" />
        <path d="M14 50c2-6 6-8 10-8s8 2 10 8M42 30h16M42 38h16M42 46h10" />
      </svg>
    );
  }
  if (kind === 'face') {
    return (
      <svg {...common}>
        <path d="M6 20V10a4 4 0 0 1 4-4h10M52 6h10a4 4 0 0 1 4 4v10M66 52v10a4 4 0 0 1-4 4H52M20 66H10a4 4 0 0 1-4-4V52" />
        <circle cx="36" cy="34" r="16" />
        <path d="M30 30v2M42 30v2M29 40c4 4 10 4 14 0" />
      </svg>
    );
  }
  return (
    <svg {...common}>
      <rect x="8" y="8" width="22" height="22" />
      <rect x="42" y="8" width="22" height="22" />
      <rect x="8" y="42" width="22" height="22" />
      <path d="M42 42h8v8h-8zM56 42h8M42 58h8M56 52v12" />
    </svg>
  );
}
