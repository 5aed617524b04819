import { useEffect, useRef } from 'react';
import { useLatest } from '../../hooks/use-latest';

export type Corner = 'tl' | 'tr' | 'br' | 'bl';
export const STAFF_GESTURE: Corner[] = ['tl', 'tr', 'br', 'bl'];
export const STAFF_GESTURE_WINDOW_MS = 6000;
/** Size of each corner zone, in CSS pixels. */
export const CORNER_ZONE_PX = 96;

export function cornerAt(x: number, y: number, width: number, height: number, zone = CORNER_ZONE_PX): Corner | null {
  const left = x < zone;
  const right = x > width - zone;
  const top = y < zone;
  const bottom = y > height - zone;
  if (top && left) return 'tl';
  if (top && right) return 'tr';
  if (bottom && right) return 'br';
  if (bottom && left) return 'bl';
  return null;
}

/**
 * The hidden way into staff mode on a screen with no keyboard: touch the four corners of the
 * screen clockwise from the top left (top-left, top-right, bottom-right, bottom-left) within 6 s.
 * A wrong corner starts the sequence over. Touches are observed, never intercepted: whatever
 * lies under a corner (the 长辈版 switch) still gets the touch.
 */
export function useCornerGesture(enabled: boolean, onComplete: () => void): void {
  const progress = useRef<{ step: number; startedAt: number }>({ step: 0, startedAt: 0 });
  const done = useLatest(onComplete);
  useEffect(() => {
    if (!enabled) return;
    const onPointer = (e: PointerEvent) => {
      const corner = cornerAt(e.clientX, e.clientY, window.innerWidth, window.innerHeight);
      const p = progress.current;
      const now = Date.now();
      if (p.step > 0 && now - p.startedAt > STAFF_GESTURE_WINDOW_MS) p.step = 0;
      if (corner === STAFF_GESTURE[p.step]) {
        if (p.step === 0) p.startedAt = now;
        p.step++;
        if (p.step === STAFF_GESTURE.length) {
          p.step = 0;
          done.current();
        }
      } else {
        p.step = corner === STAFF_GESTURE[0] ? 1 : 0;
        p.startedAt = now;
      }
    };
    window.addEventListener('pointerdown', onPointer, true);
    return () => window.removeEventListener('pointerdown', onPointer, true);
  }, [done, enabled]);
}
