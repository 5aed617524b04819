import type { RpcEvent, RpcResult } from '../../../common/rpc/contract';

/** What both shells give the renderer: the preload's `window.kiosk`, or the web shell's WebSocket. */
export interface KioskBridge {
  invoke(method: string, input: unknown): Promise<RpcResult>;
  on(event: RpcEvent, handler: (payload: unknown) => void): () => void;
  /**
   * The connection to the core came back after it was lost (web shell); the core ended the
   * session when it went. Absent in Electron, where the renderer never outlives its connection.
   */
  onReconnected?(handler: () => void): () => void;
}

declare global {
  interface Window {
    /** Exposed by the Electron preload (contextBridge); absent in the web shell. */
    kiosk?: KioskBridge;
  }
}
