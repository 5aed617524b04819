/**
 * The IPC channels between the preload and the main process, and the event names the preload
 * accepts. Kept free of imports so the sandboxed preload bundle stays tiny (no zod); a test
 * checks KIOSK_EVENT_NAMES against the contract's rpcEvents.
 */
export const INVOKE_CHANNEL = 'kiosk:invoke';
export const EVENT_CHANNEL = 'kiosk:event';

export const KIOSK_EVENT_NAMES = [
  'session.reset',
  'ui.settings-changed',
  'device.state',
  'identity.changed',
  'idcard.read-failed',
  'scanner.scanned',
  'voice.said',
] as const;

/** Longest method name accepted (as on the web shell's wire). */
export const MAX_METHOD_LENGTH = 64;
