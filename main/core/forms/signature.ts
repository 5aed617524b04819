import { SIGNATURE_LIMITS, type SignatureInput } from '../../../common/rpc/contract';
import { REASONS, type FieldReason } from './form-reasons';

/** A signature narrower and lower than this (pad units) is a dot, not a name. */
const MIN_EXTENT = 8;

/** A signature as stored in the submission: one SVG path in the pad's units, no bitmap. */
export interface StoredSignature {
  format: 'svg-path';
  width: number;
  height: number;
  /** How many strokes the path holds (the stroke arrays themselves are not kept). */
  strokes: number;
  path: string;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The signature as an SVG path, or why it is refused (empty, too small, too many points, off the pad). */
export function checkSignature(
  input: SignatureInput | undefined,
  required: boolean,
): { ok: true; signature: StoredSignature | null } | { ok: false; reason: FieldReason } {
  const strokes = (input?.strokes ?? []).filter((s) => s.length > 0);
  if (!input || strokes.length === 0) return required ? { ok: false, reason: REASONS.signatureMissing } : { ok: true, signature: null };
  const points = strokes.reduce((n, s) => n + s.length, 0);
  if (strokes.length > SIGNATURE_LIMITS.maxStrokes || points > SIGNATURE_LIMITS.maxPoints) return { ok: false, reason: REASONS.signatureTooLarge };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const stroke of strokes) {
    for (const [x, y] of stroke) {
      if (!Number.isFinite(x) || !Number.isFinite(y) || x < 0 || y < 0 || x > input.width || y > input.height)
        return { ok: false, reason: REASONS.signatureInvalid };
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  if (Math.max(maxX - minX, maxY - minY) < MIN_EXTENT) return { ok: false, reason: REASONS.signatureTooSmall };
  const path = strokes
    .map((stroke) => {
      const [first, ...rest] = stroke.map(([x, y]) => `${round(x)} ${round(y)}`);
      return rest.length ? `M${first}L${rest.join(' ')}` : `M${first}l0 0`;
    })
    .join('');
  return { ok: true, signature: { format: 'svg-path', width: input.width, height: input.height, strokes: strokes.length, path } };
}
