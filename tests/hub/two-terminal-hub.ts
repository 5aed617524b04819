import path from 'node:path';
import type { Clock } from '../../base/clock';
import { startReferenceHub, type ReferenceHub } from '../../hub/reference-hub';
import { HubClient } from '../../offline-queue/hub-client';
import { REPO_ROOT } from '../../testing/repo-root';
import { tempDir } from '../offline-queue/helpers';

export const CATALOG_FILE = path.join(REPO_ROOT, 'assets', 'catalog', 'default-catalog.json');

export interface TwoTerminalHub {
  hub: ReferenceHub;
  /** Signed clients of terminals T-0001 and T-0002, on the hub's clock. */
  t1: HubClient;
  t2: HubClient;
  stop(): Promise<void>;
}

/** A reference hub in a temp directory with two terminals, and a client for each, all on `clock`. */
export async function startTwoTerminalHub(clock: Clock): Promise<TwoTerminalHub> {
  const d = tempDir('hub-');
  const hub = await startReferenceHub({
    dataDir: d.dir,
    catalogFile: CATALOG_FILE,
    terminals: [
      { id: 'T-0001', secret: 'secret-one-0123456789' },
      { id: 'T-0002', secret: 'secret-two-0123456789' },
    ],
    clock,
  });
  const t1 = new HubClient({ url: hub.url, terminalId: 'T-0001', secret: 'secret-one-0123456789', timeoutMs: 5000, clock });
  const t2 = new HubClient({ url: hub.url, terminalId: 'T-0002', secret: 'secret-two-0123456789', timeoutMs: 5000, clock });
  return {
    hub,
    t1,
    t2,
    async stop() {
      t1.close();
      t2.close();
      await hub.stop();
      d.cleanup();
    },
  };
}
