import type { RpcEvent, RpcResult } from '../../../common/rpc/contract';

/** What both shells give the renderer: the preload's `window.kiosk`, or the web shell's WebSocket. */
export interface KioskBridge {
  invoke(method: string, input: unknown): Promise<RpcResult>;
  on(event: RpcEvent, handler: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    /** Exposed by the Electron preload (contextBridge); absent in the web shell. */
    kiosk?: KioskBridge;
  }
}
