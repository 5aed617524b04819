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
