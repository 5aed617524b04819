import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bootKiosk, type BootedKiosk, type BootOptions } from '../../main/host/boot';

export interface TestKiosk extends BootedKiosk {
  /** Its data directory, removed by stop(). */
  dir: string;
}

/** A headless kiosk on the embedded defaults in a fresh temp data directory (`config`: its config.json). */
export async function bootTestKiosk(name: string, options: Omit<BootOptions, 'dataDir' | 'shell'> & { config?: object } = {}): Promise<TestKiosk> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `kiosk-${name}-`));
  if (options.config) writeFileSync(path.join(dir, 'config.json'), JSON.stringify(options.config));
  const kiosk = await bootKiosk({ dataDir: dir, shell: 'headless', ...options });
  return {
    ...kiosk,
    dir,
    async stop() {
      await kiosk.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
