import { describe, expect, it } from 'vitest';
import { SystemService } from '../../main/core/system/system-service';
import { uiSettingsOf } from '../../main/core/create-kiosk-core';
import { defaultConfig } from '../../common/config/schema';
import { DeviceStateRegistry } from '../../main/core/system/device-states';
import { EventBus } from '../../main/core/rpc/event-bus';
import { silentLogger } from '../../main/logging/logger';
import { loadCatalogFile } from '../../main/core/catalog/catalog-source';
import { REPO_ROOT } from '../../testing/repo-root';
import path from 'node:path';

/** The kiosk's own answers (about, ping, catalog, device states), called without the router. */
describe('SystemService', () => {
  it('tells its uptime and time by the clock it is given, the terminal in force, the catalog and device states', () => {
    let now = Date.parse('2026-12-05T02:00:00Z');
    const clock = { now: () => now };
    const devices = new DeviceStateRegistry(new EventBus(silentLogger()), clock);
    let terminalId = 'T-0001';
    const catalog = loadCatalogFile(path.join(REPO_ROOT, 'assets', 'catalog', 'default-catalog.json'));
    const system = new SystemService({
      clock,
      appVersion: '9.9.9',
      shell: 'headless',
      dataDir: '/data',
      terminalId: () => terminalId,
      uiSettings: () => uiSettingsOf(defaultConfig()),
      catalog: () => catalog,
      devices,
    });
    now += 90_500;
    terminalId = 'T-0002';
    expect(system.about()).toMatchObject({ appVersion: '9.9.9', shell: 'headless', uptimeS: 90, startedAt: '2026-12-05T02:00:00.000Z', terminalId: 'T-0002' });
    expect(system.uiSettings().defaultLanguage).toBe(defaultConfig().ui.defaultLanguage);
    expect(system.ping({ nonce: 'n-7' })).toEqual({ nonce: 'n-7', serverTime: now });
    expect(system.catalog().services.length).toBe(catalog.services.length);
    devices.set('printer', 'no-paper', 'paper out');
    expect(system.deviceStates().devices).toContainEqual(expect.objectContaining({ device: 'printer', state: 'no-paper' }));
  });
});
