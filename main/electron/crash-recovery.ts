export interface CrashRecoveryOptions {
  /** Reloads the kiosk page in the existing window (a fresh renderer process). */
  reloadRenderer(): void;
  /** Restarts the whole app (app.relaunch + quit). */
  relaunchApp(): void;
  /** More crashes than this within `windowMs` relaunch the app instead of reloading. */
  maxReloads?: number;
  windowMs?: number;
  now?: () => number;
  log?: { warn(fields: Record<string, unknown>, message: string): void; error(fields: Record<string, unknown>, message: string): void };
}

export type CrashAction = 'reloaded' | 'relaunched';

/**
 * What to do when the renderer process goes away: reload it, so the hall never stares at a blank
 * screen; if it keeps crashing (3 times within a minute by default), restart the whole app,
 * which also restarts the GPU process and the core.
 */
export function createCrashRecovery(options: CrashRecoveryOptions): { onRenderProcessGone(reason: string, exitCode?: number): CrashAction } {
  const maxReloads = options.maxReloads ?? 3;
  const windowMs = options.windowMs ?? 60_000;
  const now = options.now ?? Date.now;
  let recent: number[] = [];

  return {
    onRenderProcessGone(reason, exitCode) {
      const at = now();
      recent = recent.filter((t) => at - t < windowMs);
      recent.push(at);
      if (recent.length > maxReloads) {
        options.log?.error({ reason, exitCode, crashes: recent.length, windowMs }, 'renderer keeps crashing: relaunching the app');
        recent = [];
        options.relaunchApp();
        return 'relaunched';
      }
      options.log?.warn({ reason, exitCode }, 'renderer process gone: reloading the kiosk page');
      options.reloadRenderer();
      return 'reloaded';
    },
  };
}

type HangWatchTarget = {
  on(event: 'unresponsive' | 'responsive', listener: () => void): unknown;
};

export interface HangWatchOptions {
  /** Crashes the hung renderer on purpose, which the crash recovery then reloads. */
  crashRenderer(): void;
  /** How long a page may stay unresponsive before it is crashed (30 s by default). */
  graceMs?: number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  log?: { warn(fields: Record<string, unknown>, message: string): void };
}

/**
 * A renderer stuck in a loop never "goes away" by itself: when the window stays unresponsive
 * for the grace period, crash it so the reload path above brings the kiosk back.
 */
export function watchForHang(window: HangWatchTarget, options: HangWatchOptions): void {
  const graceMs = options.graceMs ?? 30_000;
  const setTimer = options.setTimer ?? ((callback: () => void, ms: number) => setTimeout(callback, ms));
  const clearTimer = options.clearTimer ?? ((timer: unknown) => clearTimeout(timer as NodeJS.Timeout));
  let timer: unknown = null;
  window.on('unresponsive', () => {
    if (timer !== null) return;
    timer = setTimer(() => {
      timer = null;
      options.log?.warn({ graceMs }, 'renderer unresponsive: restarting it');
      options.crashRenderer();
    }, graceMs);
  });
  window.on('responsive', () => {
    if (timer === null) return;
    clearTimer(timer);
    timer = null;
  });
}
