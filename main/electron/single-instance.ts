import type { App, BrowserWindow } from 'electron';

type LockApp = Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>;

/**
 * One kiosk per machine: a second launch quits at once, and the running one brings its window
 * to the front. Call after userData is set (the lock lives there) and before `ready`.
 * Returns false when this process is the second one (it is quitting).
 */
export function claimSingleInstance(app: LockApp, bringToFront: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => bringToFront());
  return true;
}

type FocusableWindow = Pick<BrowserWindow, 'isDestroyed' | 'isMinimized' | 'restore' | 'show' | 'focus'>;

export function bringWindowToFront(window: FocusableWindow | null | undefined): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
