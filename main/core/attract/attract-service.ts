import type { Catalog } from '../../../common/catalog/schema';
import type { KioskConfig } from '../../../common/config/schema';
import { isHealthyDeviceState } from '../../../common/device-health';
import { isStaffed, parseStaffedHours, staffedHoursText } from '../../../common/hall-hours/staffed-hours';
import type { HubNotice } from '../../../common/hub-protocol/answers';
import type { LocalizedText } from '../../../common/i18n/languages';
import type { AttractInfo } from '../../../common/rpc/contract';
import type { Clock } from '../../../base/clock';
import type { CoreService } from '../../../base/lifecycle';
import type { PulledQueueStatus } from '../../../offline-queue/hub-pulls';
import type { Logger } from '../../logging/logger';
import type { DeviceState } from '../system/device-states';
import { hallWeekdayMinute } from '../hall/hall-time';

/** A waiting count older than this is not shown: the hall has moved on. */
export const QUEUE_STATUS_MAX_AGE_MS = 2 * 60_000;
/** While the attract screen asks, notices and counts are pulled from the hub at most this often. */
export const ATTRACT_PULL_INTERVAL_MS = 15_000;

/** What can be done without staff, by the kind of the catalog's services. */
const NIGHT_KINDS: { kind: Catalog['services'][number]['kind']; text: LocalizedText }[] = [
  { kind: 'document', text: { 'zh-CN': '证明打印', 'zh-HK': '證明打印', en: 'Printing certificates' } },
  { kind: 'query', text: { 'zh-CN': '办事结果查询与打印', 'zh-HK': '辦事結果查詢與打印', en: 'Looking up and printing results' } },
  { kind: 'form', text: { 'zh-CN': '自助申报（材料提交）', 'zh-HK': '自助申報（材料提交）', en: 'Submitting applications' } },
];

export interface AttractServiceDeps {
  logger: Logger;
  clock: Clock;
  config: () => KioskConfig;
  timeZone: () => string;
  catalog: () => Catalog;
  devices: { get(device: 'idCard' | 'scanner'): DeviceState | undefined };
  /** The hub pulls (offline-queue/hub-pulls.ts): cached notices and waiting counts, and pulling them. */
  puller: {
    cachedNotices(): HubNotice[];
    cachedQueueStatus(): PulledQueueStatus | null;
    pullNotices(): Promise<{ status: string }>;
    pullQueueStatus(): Promise<{ status: string }>;
  };
  /** Whether the terminal has a hub at all, and whether its last heartbeat failed. */
  hub: { configured: boolean; lastHeartbeatFailed: () => boolean };
}

/** The attract screen's facts: notices in force, staffed hours and night mode, waiting counts, ways in. */
export class AttractService implements CoreService {
  readonly name = 'attract';
  private lastPullAt = Number.NEGATIVE_INFINITY;
  private pulling: Promise<void> | null = null;
  private queuePullFailed = false;

  constructor(private readonly deps: AttractServiceDeps) {}

  info(): AttractInfo {
    const { deps } = this;
    const now = deps.clock.now();
    this.refresh(now);
    const config = deps.config();
    const hours = parseStaffedHours(config.hall.staffedHours);
    const groups = hours.ok ? hours.groups : [];
    const { weekday, minute } = hallWeekdayMinute(now, deps.timeZone());
    const kinds = new Set(deps.catalog().services.map((s) => s.kind));
    return {
      notices: deps.puller
        .cachedNotices()
        .filter((n) => Date.parse(n.validFrom) <= now && now < Date.parse(n.validUntil))
        .map(({ id, title, body }) => ({ id, title, body })),
      staffedHours: { 'zh-CN': staffedHoursText(groups, 'zh-CN'), 'zh-HK': staffedHoursText(groups, 'zh-HK'), en: staffedHoursText(groups, 'en') },
      night: !isStaffed(groups, weekday, minute),
      nightServices: NIGHT_KINDS.filter((k) => kinds.has(k.kind)).map((k) => k.text),
      waiting: this.waiting(now),
      waysIn: this.waysIn(config),
    };
  }

  /** Counts only from a hub answered lately: never old ones, never while the hub is not reachable. */
  private waiting(now: number): AttractInfo['waiting'] {
    const { deps } = this;
    const pulled = deps.puller.cachedQueueStatus();
    if (!deps.hub.configured || !pulled || this.queuePullFailed || deps.hub.lastHeartbeatFailed()) return null;
    if (now - pulled.fetchedAt > QUEUE_STATUS_MAX_AGE_MS) return null;
    return pulled.status.categories;
  }

  private waysIn(config: KioskConfig): AttractInfo['waysIn'] {
    const working = (device: 'idCard' | 'scanner') => {
      const state = this.deps.devices.get(device)?.state;
      return config.devices[device].enabled && (state === undefined || (state !== 'disabled' && isHealthyDeviceState(state)));
    };
    const ways: AttractInfo['waysIn'] = [];
    if (working('idCard')) ways.push('idCard');
    if (working('idCard') && config.hall.socialSecurityCard) ways.push('socialSecurityCard');
    if (config.face.enabled && config.devices.camera.enabled) ways.push('face');
    if (working('scanner')) ways.push('qr');
    return ways;
  }

  /** Pulls notices and counts in the background, at most every ATTRACT_PULL_INTERVAL_MS. */
  private refresh(now: number): void {
    if (!this.deps.hub.configured || this.pulling || now - this.lastPullAt < ATTRACT_PULL_INTERVAL_MS) return;
    this.lastPullAt = now;
    const { puller, logger } = this.deps;
    this.pulling = (async () => {
      await puller.pullNotices().catch((err: unknown) => logger.warn({ err }, 'notices pull failed'));
      const queue = await puller.pullQueueStatus().catch((err: unknown) => {
        logger.warn({ err }, 'queue status pull failed');
        return { status: 'unreachable' };
      });
      this.queuePullFailed = queue.status !== 'updated';
    })().finally(() => (this.pulling = null));
  }

  /** Waits for a pull in progress (stop, tests). */
  async settled(): Promise<void> {
    await this.pulling;
  }

  async stop(): Promise<void> {
    await this.settled();
  }
}
