/** Length of a face-api descriptor (and of a template). */
export const DESCRIPTOR_LENGTH = 128;

export function assertDescriptor(d: ArrayLike<number>, what = 'descriptor'): void {
  if (d.length !== DESCRIPTOR_LENGTH) throw new Error(`${what} has ${d.length} values, expected ${DESCRIPTOR_LENGTH}`);
  for (let i = 0; i < d.length; i++) {
    if (!Number.isFinite(d[i])) throw new Error(`${what} holds a non-finite value at ${i}`);
  }
}

export function euclideanDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    sum += d * d;
  }
  return Math.sqrt(sum);
}

export function l2Normalize(v: ArrayLike<number>): Float32Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i]! * v[i]!;
  const norm = Math.sqrt(sum) || 1;
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i]! / norm;
  return out;
}

/**
 * A template: the mean of several good frames' descriptors, L2-normalised. Probes are
 * normalised the same way (`probeVector`) so that template and probe distances are comparable
 * with the calibrated threshold.
 */
export function meanTemplate(descriptors: ArrayLike<number>[]): Float32Array {
  if (descriptors.length === 0) throw new Error('a template needs at least one descriptor');
  const sum = new Float64Array(DESCRIPTOR_LENGTH);
  for (const d of descriptors) {
    assertDescriptor(d);
    for (let i = 0; i < DESCRIPTOR_LENGTH; i++) sum[i]! += d[i]!;
  }
  return l2Normalize(sum);
}

export function probeVector(descriptor: ArrayLike<number>): Float32Array {
  assertDescriptor(descriptor);
  return l2Normalize(descriptor);
}

/** The distance threshold and the margin identification demands over the second-best subject. */
export interface DecisionPolicy {
  threshold: number;
  /** secondDistance - distance must be at least this for identify to accept. */
  margin: number;
}

export interface VerifyDecision {
  distance: number;
  match: boolean;
}

export function verifyDescriptors(a: ArrayLike<number>, b: ArrayLike<number>, policy: DecisionPolicy): VerifyDecision {
  const distance = euclideanDistance(probeVector(a), probeVector(b));
  return { distance, match: distance < policy.threshold };
}

export interface IdentifyCandidate {
  subject: string;
  distance: number;
}

export interface IdentifyDecision {
  subject: string | null;
  distance: number | null;
  secondDistance: number | null;
  /** Why no subject was accepted. */
  refusal: 'empty-gallery' | 'above-threshold' | 'ambiguous' | null;
}

/** Accepts the nearest subject only below the threshold and clearly ahead of the next one. */
export function decideIdentity(best: IdentifyCandidate | null, second: IdentifyCandidate | null, policy: DecisionPolicy): IdentifyDecision {
  if (!best) return { subject: null, distance: null, secondDistance: null, refusal: 'empty-gallery' };
  const secondDistance = second?.distance ?? null;
  if (best.distance >= policy.threshold) return { subject: null, distance: best.distance, secondDistance, refusal: 'above-threshold' };
  if (secondDistance !== null && secondDistance - best.distance < policy.margin) {
    return { subject: null, distance: best.distance, secondDistance, refusal: 'ambiguous' };
  }
  return { subject: best.subject, distance: best.distance, secondDistance, refusal: null };
}
