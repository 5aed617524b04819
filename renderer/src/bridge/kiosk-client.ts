import type { RpcEvent, RpcEventPayload, RpcInput, RpcMethod, RpcOutput } from '../../../common/rpc/contract';
import type { RpcErrorPayload } from '../../../common/rpc/errors';
import type { KioskBridge } from './kiosk-bridge';
import { webSocketBridgeFromLocation } from './web-socket-bridge';

export class RpcCallError extends Error {
  constructor(readonly error: RpcErrorPayload) {
    super(error.message);
  }
}

/** The typed face of the bridge for screens. */
export class KioskClient {
  constructor(private readonly bridge: KioskBridge) {}

  async call<M extends RpcMethod>(method: M, input: RpcInput<M>): Promise<RpcOutput<M>> {
    const result = await this.bridge.invoke(method, input);
    if (!result.ok) throw new RpcCallError(result.error);
    return result.output as RpcOutput<M>;
  }

  on<E extends RpcEvent>(event: E, handler: (payload: RpcEventPayload<E>) => void): () => void {
    return this.bridge.on(event, handler as (payload: unknown) => void);
  }

  /** Runs `handler` each time the connection to the core comes back after a loss: the session it showed is gone. */
  onReconnected(handler: () => void): () => void {
    return this.bridge.onReconnected?.(handler) ?? (() => undefined);
  }
}

export function connectKiosk(): KioskClient {
  return new KioskClient(window.kiosk ?? webSocketBridgeFromLocation());
}
