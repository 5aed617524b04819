import type { KioskClient } from '../bridge/kiosk-client';
import type { ResetReason } from '../navigation/journey';

/**
 * Asks the core to end the session until it has: a reset lost while the connection is down would
 * leave the last citizen's card in the core for the next one. A newer reset replaces a pending one.
 */
export function createSessionResetter(client: KioskClient, retryMs = 1000, giveUpMs = 10 * 60_000): (reason: ResetReason) => void {
  let generation = 0;
  return (reason) => {
    const mine = ++generation;
    const startedAt = Date.now();
    const attempt = () => {
      if (mine !== generation) return;
      client.call('session.reset', { reason }).catch(() => {
        if (mine === generation && Date.now() - startedAt < giveUpMs) setTimeout(attempt, retryMs);
      });
    };
    attempt();
  };
}
