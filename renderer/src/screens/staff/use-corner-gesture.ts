import { useCallback, useRef } from 'react';

export type Corner = 'tl' | 'tr' | 'br' | 'bl';
export const STAFF_GESTURE: Corner[] = ['tl', 'tr', 'br', 'bl'];
export const STAFF_GESTURE_WINDOW_MS = 6000;

/**
 * The hidden way into staff mode on a screen with no keyboard: touch the four corners of the
 * screen clockwise from the top left (top-left, top-right, bottom-right, bottom-left) within 6 s.
 * A wrong corner starts the sequence over.
 */
export function useCornerGesture(onComplete: () => void): (corner: Corner) => void {
  const progress = useRef<{ step: number; startedAt: number }>({ step: 0, startedAt: 0 });
  return useCallback(
    (corner: Corner) => {
      const now = Date.now();
      const p = progress.current;
      if (p.step > 0 && now - p.startedAt > STAFF_GESTURE_WINDOW_MS) p.step = 0;
      if (corner === STAFF_GESTURE[p.step]) {
        if (p.step === 0) p.startedAt = now;
        p.step++;
        if (p.step === STAFF_GESTURE.length) {
          p.step = 0;
          onComplete();
        }
      } else {
        p.step = corner === STAFF_GESTURE[0] ? 1 : 0;
        p.startedAt = now;
      }
    },
    [onComplete],
  );
}
