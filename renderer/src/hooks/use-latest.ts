import { useLayoutEffect, useRef } from 'react';

/**
 * A ref to the value of the last committed render, for callbacks that listeners, timers and effects
 * call with the caller's latest props without subscribing again. It is set in a layout effect, not
 * during render (a render React discards would leave it wrong), so before any passive effect runs.
 */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
