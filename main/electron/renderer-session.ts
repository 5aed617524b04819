import type { WebContents } from 'electron';
import type { ShellLog } from './shell';

type NavigationDetails = { isMainFrame?: boolean; isSameDocument?: boolean };
type RendererContents = Pick<WebContents, 'on'>;

/**
 * Ends the citizen's session whenever the kiosk window's renderer stops being the one that
 * showed it: its process is gone (crash, kill, OOM), its main frame starts a new document (a
 * reload, a crash-recovery reload, a navigation) or the WebContents is destroyed. The page that
 * comes next starts on the attract screen, and so must the core: the previous citizen's identity
 * may never reach it. Same-document navigations (history.pushState, #fragments) are the same
 * page and keep the session.
 */
export function endSessionWhenRendererGoes(contents: RendererContents, endSession: () => void, log: ShellLog): void {
  const end = (why: string) => {
    try {
      endSession();
    } catch (err) {
      log.error({ err: (err as Error)?.message, why }, 'session reset after the renderer went failed');
    }
  };
  contents.on('render-process-gone', () => end('render-process-gone'));
  contents.on('did-start-navigation', (details: NavigationDetails) => {
    if (details.isMainFrame && !details.isSameDocument) end('main-frame navigation');
  });
  contents.on('destroyed', () => end('destroyed'));
}
