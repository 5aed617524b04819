import type { Stroke } from '../../common/chinese-input/handwriting-matcher';
import fixture from './fixtures/hand-drawn-strokes.json';

/** Characters drawn by hand, point by point on the 320 × 320 pad (see the fixture's note), by character. */
export const HAND_DRAWN: Record<string, Stroke[]> = Object.fromEntries(
  Object.entries(fixture as Record<string, unknown>).filter(([char]) => char !== '//') as [string, Stroke[]][],
);
