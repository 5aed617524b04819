import type { SignatureInput } from '../../../../../common/rpc/contract';

/** The signature drawn, redrawn from its strokes (no bitmap is kept). */
export function SignaturePreview({ signature }: { signature: SignatureInput }) {
  return (
    <svg className="signature-preview" data-testid="signature-preview" viewBox={`0 0 ${signature.width} ${signature.height}`} role="img" aria-hidden="true">
      {signature.strokes.map((stroke, i) =>
        stroke.length === 1 ? (
          <circle key={i} cx={stroke[0]![0]} cy={stroke[0]![1]} r={3} />
        ) : (
          <polyline key={i} points={stroke.map(([x, y]) => `${x},${y}`).join(' ')} />
        ),
      )}
    </svg>
  );
}
