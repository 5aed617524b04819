/**
 * The next `event` of `emitter`, or null after timeoutMs or once `signal` aborts. However it ends,
 * neither its listener nor its timer stays.
 */
export function nextEvent<T>(
  emitter: Pick<NodeJS.EventEmitter, 'once' | 'off'> | null,
  event: string,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<T | null> {
  if (!emitter || signal?.aborted) return Promise.resolve(null);
  return new Promise((resolve) => {
    const finish = (value: T | null) => {
      clearTimeout(timer);
      emitter.off(event, onEvent);
      signal?.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const onEvent = (value: T) => finish(value);
    const onAbort = () => finish(null);
    const timer = setTimeout(onAbort, timeoutMs);
    emitter.once(event, onEvent);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
