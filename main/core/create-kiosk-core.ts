import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RpcEvent, RpcResult, UiSettings } from '../../common/rpc/contract';
import type { KioskConfig } from '../../common/config/schema';
import type { Catalog } from '../../common/catalog/schema';
import { APP_VERSION } from '../../common/version';
import { ConfigStore } from '../config/config-store';
import { resolveAssetsDir } from '../config/paths';
import { createLogger, RecentLogLines, type Logger } from '../logging/logger';
import { FileKeyProvider } from '../security/key-provider';
import { type KeyProvider } from '../../base/key-provider';
import { systemClock, type Clock } from '../../base/clock';
import type { CoreService } from '../../base/lifecycle';
import { EventBus, type EventListener } from './rpc/event-bus';
import { RpcRouter, type CallContext } from './rpc/router';
import { SessionService, type SessionTimers } from './session/session-service';
import { loadCatalogFile } from './catalog/catalog-source';
import { withGuideUrls } from '../../common/catalog/guide-urls';
import { DeviceStateRegistry } from './system/device-states';
import { logAuditSink, StaffService } from './staff/staff-service';
import { SettingsService, type AuditSink } from './staff/settings-service';
import { staffRoutes } from './staff/staff-rpc';
import { settingsRoutes } from './staff/settings-rpc';
import { sessionRoutes } from './session/session-rpc';
import { registerRoutes } from './rpc/route-table';
import { SystemService } from './system/system-service';
import { systemRoutes } from './system/system-rpc';
import { StaffAuth } from './staff/staff-auth';
import { PinStore } from './staff/pin-store';

export type ShellKind = 'electron' | 'web' | 'headless';

export interface KioskCoreOptions {
  dataDir: string;
  shell: ShellKind;
  /** Defaults to the ConfigStore of dataDir, loaded. */
  config?: ConfigStore;
  logger?: Logger;
  recentLogs?: RecentLogLines;
  keyProvider?: KeyProvider;
  clock?: Clock;
  /** Timers of the session's own idle limit (tests pass manual ones). */
  sessionTimers?: SessionTimers;
  assetsDir?: string;
  /** The hall's catalog as pulled from the hub and cached; null falls back to the default catalog in assets/. */
  catalog?: () => Catalog | null;
  /** Where staff audit records go besides the log (the outbox, as `audit.event`). */
  audit?: AuditSink;
  /** Extra services composed in by the caller (tests, shells). */
  services?: (core: KioskCoreContext) => CoreService[];
}

/** What services get when they are composed: the shared parts of one core. */
export interface KioskCoreContext {
  readonly dataDir: string;
  readonly config: ConfigStore;
  readonly logger: Logger;
  readonly recentLogs: RecentLogLines;
  readonly keyProvider: KeyProvider;
  readonly clock: Clock;
  readonly assetsDir: string;
  readonly events: EventBus;
  readonly router: RpcRouter;
  readonly session: SessionService;
  readonly devices: DeviceStateRegistry;
  /** Staff mode: services that offer staff-only methods check tokens here. */
  readonly staffAuth: StaffAuth;
  /** The service catalog in force (the hub's, else the default), with the services staff chose. */
  catalog(): Catalog;
}

export interface KioskCore extends KioskCoreContext {
  readonly shell: ShellKind;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Validates and dispatches one call; never throws. */
  invoke(method: unknown, input: unknown, ctx?: CallContext): Promise<RpcResult>;
  /** Subscribes to every event for one renderer connection; returns the unsubscribe function. */
  subscribe(listener: EventListener): () => void;
}

export function uiSettingsOf(config: KioskConfig): UiSettings {
  return {
    hallName: config.terminal.hallName,
    languages: config.ui.languages,
    defaultLanguage: config.ui.defaultLanguage,
    elderModeDefault: config.ui.elderModeDefault,
    idleTimeoutS: config.ui.idleTimeoutS,
    elderIdleTimeoutS: config.ui.elderIdleTimeoutS,
    countdownS: config.ui.countdownS,
    voice: config.ui.voice,
    demo: !config.production,
    timeZone: config.terminal.timeZone,
  };
}

/** The services staff chose to show, in their order; all of them when they chose none. */
export function shownServices(catalog: Catalog, shown: string[]): Catalog {
  if (shown.length === 0) return catalog;
  const byCode = new Map(catalog.services.map((s) => [s.code, s]));
  return { ...catalog, services: shown.map((code) => byCode.get(code)).filter((s) => s !== undefined) };
}

function moduleDir(): string {
  return typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
}

/**
 * The composition root of the kiosk core: plain Node, no Electron. Both shells (Electron, web)
 * and `kioskctl core run` host exactly this.
 */
export function createKioskCore(options: KioskCoreOptions): KioskCore {
  const recentLogs = options.recentLogs ?? new RecentLogLines();
  // A logger made here has its file closed here when the core stops; one passed in is closed by its owner.
  const ownLogger = options.logger ? undefined : createLogger({ logDir: path.join(options.dataDir, 'logs'), recent: recentLogs });
  const logger: Logger = options.logger ?? ownLogger!;
  const config = options.config ?? new ConfigStore(options.dataDir);
  if (!options.config) {
    const report = config.load();
    if (report.refused) logger.error({ issues: report.refused.issues, source: report.source }, 'configuration file refused; last good configuration in force');
  }
  const clock = options.clock ?? systemClock;
  const events = new EventBus(logger);
  const router = new RpcRouter(logger);
  const session = new SessionService({
    events,
    logger,
    limits: {
      idleLimitMs: (elder) => {
        const ui = config.config.ui;
        return ((elder ? ui.elderIdleTimeoutS : ui.idleTimeoutS) + ui.countdownS) * 1000;
      },
      elderModeDefault: () => config.config.ui.elderModeDefault,
    },
    timers: options.sessionTimers,
  });
  // A citizen identified (or a code scanned) starts the session's idle limit, whether or not a
  // renderer reports touches.
  const unwatchIdentity = events.subscribe((event, payload) => {
    if (event === 'scanner.scanned') session.touch();
    if (event !== 'identity.changed') return;
    const kind = (payload as { kind: string }).kind;
    if (kind === 'identified' || kind === 'face-identified') session.touch();
  });
  const devices = new DeviceStateRegistry(events, clock);
  const assetsDir = options.assetsDir ?? resolveAssetsDir(moduleDir());

  const defaultCatalog = loadCatalogFile(path.join(assetsDir, 'catalog', 'default-catalog.json'));
  const context: KioskCoreContext = {
    dataDir: options.dataDir,
    config,
    logger,
    recentLogs,
    keyProvider: options.keyProvider ?? new FileKeyProvider(options.dataDir),
    clock,
    assetsDir,
    events,
    router,
    session,
    devices,
    staffAuth: new StaffAuth(new PinStore(path.join(options.dataDir, 'staff.json')), clock, () => config.config.staff.autoExitS * 1000),
    catalog: () => withGuideUrls(shownServices(options.catalog?.() ?? defaultCatalog, config.config.services.shown)),
  };

  const system = new SystemService({
    clock,
    appVersion: APP_VERSION,
    shell: options.shell,
    dataDir: options.dataDir,
    terminalId: () => config.config.terminal.id,
    uiSettings: () => uiSettingsOf(config.config),
    catalog: () => context.catalog(),
    devices,
  });
  registerRoutes(router, systemRoutes(system));
  registerRoutes(router, sessionRoutes(session));

  const onConfigChanged = (next: KioskConfig) => events.publish('ui.settings-changed', uiSettingsOf(next));
  config.on('changed', onConfigChanged);

  const logAudit = logAuditSink(context);
  const audit: AuditSink = options.audit
    ? {
        record: (event) => {
          logAudit.record(event);
          options.audit!.record(event);
        },
      }
    : logAudit;
  const staff = new StaffService({
    logger,
    clock,
    dataDir: options.dataDir,
    staffAuth: context.staffAuth,
    autoExitS: () => config.config.staff.autoExitS,
    audit,
  });
  registerRoutes(router, staffRoutes(staff));
  registerRoutes(router, settingsRoutes(new SettingsService({ config, audit, clock, staffAuth: context.staffAuth })));
  const services: CoreService[] = [staff, ...(options.services?.(context) ?? [])];
  let started = false;

  return {
    ...context,
    shell: options.shell,
    async start() {
      if (started) return;
      started = true;
      for (const service of services) await service.start?.();
      logger.info({ shell: options.shell, dataDir: options.dataDir, version: APP_VERSION }, 'kiosk core started');
    },
    async stop() {
      if (!started) return;
      started = false;
      for (const service of [...services].reverse()) {
        try {
          await service.stop?.();
        } catch (err) {
          logger.error({ err, service: service.name }, 'service failed to stop');
        }
      }
      config.off('changed', onConfigChanged);
      session.dispose();
      unwatchIdentity();
      logger.info('kiosk core stopped');
      logger.flush();
      ownLogger?.closeFile();
    },
    invoke(method, input, ctx = { origin: 'renderer' }) {
      return router.dispatch(method, input, ctx);
    },
    subscribe(listener) {
      return events.subscribe(listener);
    },
  };
}

export type { RpcEvent };
