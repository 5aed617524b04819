import { describe, expect, it } from 'vitest';
import { TERMINAL_FAILURE_LIMIT, TERMINAL_FAILURE_WINDOW_MS, TERMINAL_PAUSE_MS, TerminalLivenessGuard } from '../../main/face/liveness-attempts';

/**
 * Ending the session clears its own count of failed liveness checks, so a replayed recording could
 * try again session after session: the terminal pauses face use after too many failures in a row
 * of sessions.
 */
describe('the terminal-wide liveness back-off', () => {
  it('pauses face use for everyone after ten failed checks within ten minutes, whatever the sessions', () => {
    let now = Date.UTC(2026, 11, 5, 2);
    const guard = new TerminalLivenessGuard(() => now);
    for (let i = 0; i < TERMINAL_FAILURE_LIMIT - 1; i++) {
      expect(guard.record(i % 2 ? 'failed' : 'asked')).toBe(false);
      now += 30_000;
    }
    expect(guard.pausedUntilTime()).toBeNull();
    expect(guard.record('failed')).toBe(true);
    expect(guard.pausedUntilTime()).toBe(now + TERMINAL_PAUSE_MS);
    now += TERMINAL_PAUSE_MS;
    expect(guard.pausedUntilTime()).toBeNull();
  });

  it('forgets failures older than the window, and never counts passed or unasked checks', () => {
    let now = Date.UTC(2026, 11, 5, 2);
    const guard = new TerminalLivenessGuard(() => now);
    for (let i = 0; i < TERMINAL_FAILURE_LIMIT - 1; i++) guard.record('failed');
    now += TERMINAL_FAILURE_WINDOW_MS;
    for (let i = 0; i < 50; i++) {
      expect(guard.record('passed')).toBe(false);
      expect(guard.record('not-asked')).toBe(false);
    }
    expect(guard.record('failed')).toBe(false);
    expect(guard.pausedUntilTime()).toBeNull();
  });
});
