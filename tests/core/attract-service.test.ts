import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { StaticKeyProvider } from '../../base/key-provider';
import { defaultConfig, type KioskConfig } from '../../common/config/schema';
import { startReferenceHub, type ReferenceHub } from '../../hub/reference-hub';
import { AttractService, QUEUE_STATUS_MAX_AGE_MS } from '../../main/core/attract/attract-service';
import { loadCatalogFile } from '../../main/core/catalog/catalog-source';
import { silentLogger } from '../../main/logging/logger';
import { HubClient } from '../../offline-queue/hub-client';
import { HubPuller } from '../../offline-queue/hub-pulls';
import { Outbox } from '../../offline-queue/outbox';
import { REPO_ROOT } from '../../testing/repo-root';
import { ManualClock, tempDir } from '../offline-queue/helpers';

const SECRET = 'attract-secret-0123456789';
const CATALOG_FILE = path.join(REPO_ROOT, 'assets', 'catalog', 'default-catalog.json');
const MINUTE = 60_000;
const text = (zh: string) => ({ 'zh-CN': zh, 'zh-HK': zh, en: zh });
/** Monday 7 December 2026, 09:30 in the hall (UTC+8): counters staffed under the default hours. */
const MONDAY_MORNING = Date.parse('2026-12-07T01:30:00Z');

let clock: ManualClock;
let hub: ReferenceHub;
let client: HubClient;
let outbox: Outbox;
let config: KioskConfig;
let heartbeatFailed: boolean;
const key = new StaticKeyProvider(Buffer.alloc(32, 7));
let dirs: { hub: ReturnType<typeof tempDir>; term: ReturnType<typeof tempDir> };

const openOutbox = () => Outbox.open(path.join(dirs.term.dir, 'outbox.db'), { keyProvider: key, clock });
const attractOn = (puller: HubPuller, hubConfigured = true) =>
  new AttractService({
    logger: silentLogger(),
    clock,
    config: () => config,
    timeZone: () => 'Asia/Shanghai',
    catalog: () => loadCatalogFile(CATALOG_FILE),
    devices: { get: () => undefined },
    puller,
    hub: { configured: hubConfigured, lastHeartbeatFailed: () => heartbeatFailed },
  });
/** One look of the attract screen that pulls, then the next look, which shows what was pulled. */
const lookAfterPull = async (attract: AttractService) => {
  attract.info();
  await attract.settled();
  return attract.info();
};

beforeEach(async () => {
  clock = new ManualClock(MONDAY_MORNING);
  dirs = { hub: tempDir('attract-hub-'), term: tempDir('attract-term-') };
  hub = await startReferenceHub({ dataDir: dirs.hub.dir, catalogFile: CATALOG_FILE, terminals: [{ id: 'T-0001', secret: SECRET }], clock });
  client = new HubClient({ url: hub.url, terminalId: 'T-0001', secret: SECRET, timeoutMs: 3000, clock });
  outbox = openOutbox();
  config = defaultConfig();
  heartbeatFailed = false;
});
afterEach(async () => {
  client.close();
  outbox.close();
  await hub.stop().catch(() => undefined);
  dirs.hub.cleanup();
  dirs.term.cleanup();
});

describe('attract screen: notices through the hub pulls', () => {
  it('shows the notices in force, drops each at its end even offline, and keeps them across a restart', async () => {
    const at = (ms: number) => new Date(clock.now() + ms).toISOString();
    hub.store.notices.set(
      [
        { id: 'today', title: text('今日通知'), body: text('电梯检修'), validFrom: at(-MINUTE), validUntil: at(60 * MINUTE) },
        { id: 'month', title: text('本月通知'), body: text('窗口调整'), validFrom: at(-MINUTE), validUntil: at(30 * 24 * 60 * MINUTE) },
        { id: 'tomorrow', title: text('明日通知'), body: text('停电'), validFrom: at(24 * 60 * MINUTE), validUntil: at(25 * 60 * MINUTE) },
      ],
      clock.now(),
    );
    const attract = attractOn(new HubPuller({ db: outbox.db, client, clock }));
    expect((await lookAfterPull(attract)).notices.map((n) => n.id)).toEqual(['today', 'month']);

    await hub.stop();
    clock.advance(61 * MINUTE);
    expect((await lookAfterPull(attract)).notices.map((n) => n.id)).toEqual(['month']);

    outbox.close();
    outbox = openOutbox();
    clock.advance(23 * 60 * MINUTE);
    const restarted = attractOn(new HubPuller({ db: outbox.db, client, clock }));
    expect((await lookAfterPull(restarted)).notices.map((n) => n.id)).toEqual(['month', 'tomorrow']);
  });
});

describe('attract screen: waiting counts', () => {
  it('shows the counts per category, never older than two minutes nor after a failed pull or heartbeat', async () => {
    await client.post('v1/tickets', { key: randomUUID(), serviceCode: 'A', priority: false, subject: null, appointmentId: null });
    const attract = attractOn(new HubPuller({ db: outbox.db, client, clock }));
    expect(attract.info().waiting).toBeNull();
    await attract.settled();
    expect(attract.info().waiting).toEqual(expect.arrayContaining([{ category: 'social-security', name: expect.anything(), waiting: 1 }]));

    clock.advance(QUEUE_STATUS_MAX_AGE_MS + 1);
    expect(attract.info().waiting).toBeNull();
    await attract.settled();
    expect(attract.info().waiting).not.toBeNull();

    heartbeatFailed = true;
    expect(attract.info().waiting).toBeNull();
    heartbeatFailed = false;

    hub.setFaults({ failRate: 1 });
    clock.advance(20_000);
    expect(await lookAfterPull(attract)).toMatchObject({ waiting: null });
  });

  it('is null for a terminal without a hub, which never pulls', () => {
    const attract = attractOn(new HubPuller({ db: outbox.db, client, clock }), false);
    expect(attract.info()).toMatchObject({ waiting: null, notices: [] });
  });
});

describe('attract screen: hours, night mode and ways in', () => {
  it('is in night mode outside the staffed hours of the hall clock, saying what can still be done', async () => {
    const attract = attractOn(new HubPuller({ db: outbox.db, client, clock }));
    expect(attract.info()).toMatchObject({
      night: false,
      staffedHours: { 'zh-CN': '周一至周五 09:00–12:00、13:30–17:30；周六 09:00–12:00', en: 'Mon–Fri 09:00–12:00, 13:30–17:30; Sat 09:00–12:00' },
    });
    clock.advance(11.5 * 60 * MINUTE); // 21:00 in the hall
    const night = attract.info();
    expect(night.night).toBe(true);
    expect(night.nightServices.map((s) => s['zh-CN'])).toEqual(['证明打印', '办事结果查询与打印', '自助申报（材料提交）']);
    config = { ...config, hall: { ...config.hall, staffedHours: '1-7 00:00-24:00' } };
    expect(attract.info().night).toBe(false);
    await attract.settled();
  });

  it('offers the ways in the configuration and the devices allow', async () => {
    const attract = attractOn(new HubPuller({ db: outbox.db, client, clock }));
    expect(attract.info().waysIn).toEqual(['idCard', 'face', 'qr']);
    config = { ...config, face: { ...config.face, enabled: false }, hall: { ...config.hall, socialSecurityCard: true } };
    expect(attract.info().waysIn).toEqual(['idCard', 'socialSecurityCard', 'qr']);
    config = { ...config, devices: { ...config.devices, scanner: { ...config.devices.scanner, enabled: false } } };
    expect(attract.info().waysIn).toEqual(['idCard', 'socialSecurityCard']);
    await attract.settled();
  });
});
