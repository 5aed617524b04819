import { l2Normalize } from '../../common/face/matching';

/** Seeded face templates for tests: random unit vectors, and ones at a chosen distance from another. */
export function templateMaker(rng: () => number) {
  const randomTemplate = (): Float32Array => l2Normalize(Array.from({ length: 128 }, () => rng() - 0.5));
  /** The reference moved by `distance` (Euclidean, both unit length): a live face that close to it. */
  const near = (reference: Float32Array, distance: number): Float32Array => {
    const noise = randomTemplate();
    // Remove the reference's direction from the noise, then rotate the reference towards it.
    const dot = noise.reduce((s, v, i) => s + v * reference[i]!, 0);
    const ortho = l2Normalize(noise.map((v, i) => v - dot * reference[i]!));
    const angle = 2 * Math.asin(distance / 2);
    return Float32Array.from(reference, (v, i) => Math.cos(angle) * v + Math.sin(angle) * ortho[i]!);
  };
  return { randomTemplate, near };
}
