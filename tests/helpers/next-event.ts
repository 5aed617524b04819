import type { RpcEvent, RpcEventPayload } from '../../common/rpc/contract';
import type { EventListener } from '../../main/core/rpc/event-bus';

/** Anything that publishes the core's events: a kiosk core (`kiosk.core`, `createKioskCore(...)`). */
export interface CoreEvents {
  subscribe(listener: EventListener): () => void;
}

/** A Node event emitter: a device driver, an emulator. */
type Emitter = Pick<NodeJS.EventEmitter, 'on' | 'off'>;

/**
 * The next `event` published after this call (by the core, or emitted by an event emitter) whose
 * payload `matches` accepts (narrowed to what it checks: `(p) => p.kind === 'identified'` gives the
 * identified payload). Subscribe before acting, await after. Rejects naming the event if none comes
 * within `timeoutMs` (generous: a bound on a hang, not a speed check).
 */
export function nextEvent<E extends RpcEvent, P extends RpcEventPayload<E>>(
  core: CoreEvents,
  event: E,
  matches: (payload: RpcEventPayload<E>) => payload is P,
  timeoutMs?: number,
): Promise<P>;
export function nextEvent<E extends RpcEvent>(
  core: CoreEvents,
  event: E,
  matches?: (payload: RpcEventPayload<E>) => boolean,
  timeoutMs?: number,
): Promise<RpcEventPayload<E>>;
export function nextEvent<T = unknown>(emitter: Emitter, event: string, matches?: (value: T) => boolean, timeoutMs?: number): Promise<T>;
export function nextEvent(
  source: CoreEvents | Emitter,
  event: string,
  matches: (payload: never) => boolean = () => true,
  timeoutMs = 30_000,
): Promise<unknown> {
  const accepts = matches as (payload: unknown) => boolean;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no matching ${event} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const onEvent = (payload: unknown) => {
      if (!accepts(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    };
    const off = listen(source, event, onEvent);
  });
}

/** Calls `onEvent` with each payload of `event`; returns the unsubscribe function. */
function listen(source: CoreEvents | Emitter, event: string, onEvent: (payload: unknown) => void): () => void {
  if ('subscribe' in source) return source.subscribe((published, payload) => published === event && onEvent(payload));
  source.on(event, onEvent);
  return () => source.off(event, onEvent);
}
