/**
 * Close codes of the web shell's RPC WebSocket beyond the standard ones (RFC 6455 leaves
 * 4000–4999 to applications). Shared by the shell, which sends them, and the renderer's bridge.
 */

/**
 * Another renderer connected with the launch token and took over: the kiosk shows one renderer
 * at a time. The replaced renderer must not reconnect (two windows would keep replacing each other).
 */
export const RENDERER_REPLACED_CLOSE_CODE = 4001;
export const RENDERER_REPLACED_REASON = 'replaced by another renderer';
