import type { LivenessAttempt } from './face-flow';

/** Failed liveness checks in a row after which face use ends for the citizen's session. */
export const MAX_FAILED_LIVENESS_CHECKS = 3;

/**
 * The session's count of liveness checks failed in a row. A check counts as failed when it failed,
 * or when its attempt ended (cancelled, replaced by a new one) after a prompt had been shown
 * without the check passing: otherwise an attempt could be abandoned at a prompt that does not suit
 * and started again until the drawn order matches a recording. A passed check starts the count
 * again; the session's reset clears it.
 */
export class LivenessAttempts {
  private failedInARow = 0;

  constructor(private readonly limit = MAX_FAILED_LIVENESS_CHECKS) {}

  /** True once face use is over for this session. */
  get over(): boolean {
    return this.failedInARow >= this.limit;
  }

  /** Counts one attempt's end (FaceFlow.livenessAttempt at that moment). */
  record(attempt: LivenessAttempt): void {
    if (attempt === 'passed') this.failedInARow = 0;
    else if (attempt === 'failed' || attempt === 'asked') this.failedInARow++;
  }

  reset(): void {
    this.failedInARow = 0;
  }
}

/** Failed checks on this terminal within the window after which face use pauses for everyone. */
export const TERMINAL_FAILURE_LIMIT = 10;
export const TERMINAL_FAILURE_WINDOW_MS = 10 * 60_000;
export const TERMINAL_PAUSE_MS = 5 * 60_000;

/**
 * A terminal-wide back-off over sessions: ending the session (首页) and starting again clears the
 * session's count, so a replay attack could keep drawing orders session after session. Ten failed
 * checks within ten minutes on one terminal pause face use for five minutes; the ID card still
 * works. A passed check does not clear the window: failures from different sessions are not one
 * person's.
 */
export class TerminalLivenessGuard {
  private failures: number[] = [];
  private pausedUntil = 0;

  constructor(
    private readonly now: () => number,
    private readonly limits = { failures: TERMINAL_FAILURE_LIMIT, windowMs: TERMINAL_FAILURE_WINDOW_MS, pauseMs: TERMINAL_PAUSE_MS },
  ) {}

  /** When face use resumes (ms since the epoch) while paused, else null. */
  pausedUntilTime(): number | null {
    return this.now() < this.pausedUntil ? this.pausedUntil : null;
  }

  /** Counts one attempt's end; true when this one paused face use on the terminal. */
  record(attempt: LivenessAttempt): boolean {
    if (attempt !== 'failed' && attempt !== 'asked') return false;
    const now = this.now();
    this.failures = this.failures.filter((t) => now - t < this.limits.windowMs);
    this.failures.push(now);
    if (this.failures.length < this.limits.failures) return false;
    this.failures = [];
    this.pausedUntil = now + this.limits.pauseMs;
    return true;
  }
}
