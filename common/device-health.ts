/**
 * Device states that need no technician: the device works, is busy working, warns early (paper
 * near end), is switched off on purpose, or is stood in for by the built-in emulator / handled by
 * the renderer (camera). Every other state (disconnected, paper-end, cover-open, error, ...) does.
 */
const HEALTHY_DEVICE_STATES: ReadonlySet<string> = new Set(['ready', 'reading', 'printing', 'paper-near-end', 'disabled', 'emulated', 'in-renderer']);

export function isHealthyDeviceState(state: string): boolean {
  return HEALTHY_DEVICE_STATES.has(state);
}
