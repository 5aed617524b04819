import type { RpcEvent, RpcEventPayload } from '../../common/rpc/contract';
import type { EventListener } from '../../main/core/rpc/event-bus';

/** Anything that publishes the core's events: a kiosk core (`kiosk.core`, `createKioskCore(...)`). */
export interface CoreEvents {
  subscribe(listener: EventListener): () => void;
}

/**
 * The next `event` the core publishes after this call whose payload `matches` accepts (narrowed to
 * what it checks: `(p) => p.kind === 'identified'` gives the identified payload). Subscribe before
 * acting, await after. Rejects naming the event if none comes within `timeoutMs` (generous:
 * a bound on a hang, not a speed check).
 */
export function nextEvent<E extends RpcEvent, P extends RpcEventPayload<E>>(
  core: CoreEvents,
  event: E,
  matches: (payload: RpcEventPayload<E>) => payload is P,
  timeoutMs?: number,
): Promise<P>;
export function nextEvent<E extends RpcEvent>(core: CoreEvents, event: E, matches?: (payload: RpcEventPayload<E>) => boolean, timeoutMs?: number): Promise<RpcEventPayload<E>>;
export function nextEvent<E extends RpcEvent>(
  core: CoreEvents,
  event: E,
  matches: (payload: RpcEventPayload<E>) => boolean = () => true,
  timeoutMs = 30_000,
): Promise<RpcEventPayload<E>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${event} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = core.subscribe((published, payload) => {
      if (published !== event || !matches(payload as RpcEventPayload<E>)) return;
      clearTimeout(timer);
      off();
      resolve(payload as RpcEventPayload<E>);
    });
  });
}
