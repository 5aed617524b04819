import { useCallback, useRef, useState } from 'react';
import { useLatest } from '../hooks/use-latest';
import { INITIAL_JOURNEY, journey, type JourneyEffect, type JourneyEvent, type JourneyState } from './journey';

/**
 * The journey state in React: `go(event)` moves it on (`journey`) and runs what the move asks for
 * with `runEffect`. The state is kept in a ref too, so events arriving together (core events in
 * one tick) each see the state the last one left; effects run once, outside React's updaters.
 */
export function useJourney(runEffect: (effect: JourneyEffect) => void): { state: JourneyState; go: (event: JourneyEvent) => void } {
  const [state, setState] = useState(INITIAL_JOURNEY);
  const current = useRef(state);
  const run = useLatest(runEffect);
  const go = useCallback(
    (event: JourneyEvent) => {
      const next = journey(current.current, event);
      if (next.state !== current.current) {
        current.current = next.state;
        setState(next.state);
      }
      for (const effect of next.effects) run.current(effect);
    },
    [run],
  );
  return { state, go };
}
