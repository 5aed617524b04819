import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startReferenceHub, type ReferenceHub } from '../../hub/reference-hub';
import { tempDir } from '../offline-queue/helpers';
import { CATALOG_FILE } from './two-terminal-hub';

const SHIPPED = JSON.parse(readFileSync(CATALOG_FILE, 'utf8')) as { version: number; services: unknown[] };

/**
 * The catalog a hub is started with (the embedded hub: assets/catalog/default-catalog.json) on a data
 * directory that already holds one: an upgrade that ships a newer catalog must reach the terminals,
 * and a catalog the hall's staff published since must not be overwritten by it.
 */
describe('the shipped catalog on a hub that already holds one', () => {
  const hubs: ReferenceHub[] = [];
  const dirs: { cleanup: () => void }[] = [];
  const dataDir = () => {
    const d = tempDir('hub-');
    dirs.push(d);
    return d.dir;
  };
  const start = async (dataDir: string, catalog: Record<string, unknown>) => {
    const hub = await startReferenceHub({ dataDir, catalog, terminals: [{ id: 'T-0001', secret: 'secret-one-0123456789' }] });
    hubs.push(hub);
    return hub;
  };
  afterEach(async () => {
    for (const h of hubs.splice(0)) await h.stop();
    for (const d of dirs.splice(0)) d.cleanup();
  });

  it('publishes a newer shipped catalog at start, and keeps one that staff published since', async () => {
    const dir = dataDir();
    const older = { ...SHIPPED, version: SHIPPED.version - 1, services: SHIPPED.services.slice(0, 13) };
    let hub = await start(dir, older);
    expect(hub.store.catalog()).toMatchObject({ version: SHIPPED.version - 1, body: { services: older.services } });
    await hubs.pop()!.stop();

    hub = await start(dir, SHIPPED);
    expect(hub.store.catalog()!.version).toBe(SHIPPED.version);
    expect(hub.store.catalog()!.body.services).toHaveLength(SHIPPED.services.length);

    const staffs = hub.store.publishCatalog({ ...SHIPPED, services: SHIPPED.services.slice(0, 20) }, Date.now());
    expect(staffs).toBe(SHIPPED.version + 1);
    await hubs.pop()!.stop();

    hub = await start(dir, SHIPPED);
    expect(hub.store.catalog()!.version).toBe(staffs);
    expect(hub.store.catalog()!.body.services).toHaveLength(20);
  });

  it('refuses to start on a shipped catalog that is invalid, naming it, even when it holds a good one', async () => {
    const dir = dataDir();
    await start(dir, SHIPPED);
    await hubs.pop()!.stop();
    await expect(startReferenceHub({ dataDir: dir, catalog: { version: SHIPPED.version + 1, services: [{ code: 'A' }] } })).rejects.toThrow(
      /^initial catalog: invalid catalog/,
    );
  });
});
