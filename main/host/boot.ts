// Over 300 lines: the composition root: every part of one kiosk is built and wired here, in order.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_VERSION } from '../../common/version';
import { createKioskCore, type KioskCore, type ShellKind } from '../core/create-kiosk-core';
import { ConfigStore } from '../config/config-store';
import { resolveAssetsDir } from '../config/paths';
import { createLogger, RecentLogLines, type Logger } from '../logging/logger';
import { FileKeyProvider, HALL_KEY_FILE_NAME } from '../security/key-provider';
import { type KeyProvider } from '../../base/key-provider';
import { fileHallKeys, type HallKeys } from '../security/hall-keys';
import { preparePrivateDataDir } from '../security/private-data-dir';
import type { SessionTimers } from '../core/session/session-service';
import type { Clock } from '../../base/clock';
import { EmbeddedDevices } from './embedded-devices';
import { composeDocumentPrinting, type DocumentPrintingOptions } from './document-printing';
import { IdCardService } from '../core/devices/id-card-service';
import type { DeviceTransports, PortDevice } from '../core/devices/device-service';
import { ScannerService } from '../core/devices/scanner-service';
import { PrinterService } from '../core/devices/printer-service';
import { TechnicianService } from '../core/technician/technician-service';
import { technicianRoutes } from '../core/technician/technician-rpc';
import { registerRoutes } from '../core/rpc/route-table';
import { StatusFileWriter } from './status-file';
import { FaceService } from '../core/face/face-service';
import { faceRoutes } from '../core/face/face-rpc';
import { TicketService } from '../core/tickets/ticket-service';
import { ticketRoutes } from '../core/tickets/ticket-rpc';
import { ResultsService } from '../core/results/results-service';
import { resultsRoutes } from '../core/results/results-rpc';
import { RatingService } from '../core/rating/rating-service';
import { ratingRoutes } from '../core/rating/rating-rpc';
import { FormService } from '../core/forms/form-service';
import { formRoutes } from '../core/forms/form-rpc';
import { SessionSubject } from '../core/identity/session-subject';
import { DemoService } from './demo/demo-service';
import { demoRoutes } from './demo/demo-rpc';
import { emulatorSampleCards, SAMPLE_CARD_FACES } from '../../devices/emulators/id-card/card-spec';
import type { PhotoDecoder } from '../../devices/id-card/card-parser';
import { SampleFaceReferences, sampleFacesDir } from './sample-faces';
import { requestJsonLine } from '../../devices/emulators/json-line-socket';
import { AppointmentService } from '../core/appointments/appointment-service';
import { appointmentRoutes } from '../core/appointments/appointment-rpc';
import { openKioskHub, type KioskHub } from './embedded-hub';
import { DEMO_APPOINTMENT_CODES, type DemoAppointmentCase } from '../../hub/demo-appointments';
import { createOfflineQueueStack, type OfflineQueueStack } from '../../offline-queue/offline-queue-stack';
import type { HubFlags } from '../../offline-queue/hub-connection';
import { outboxDiagnostics } from '../core/technician/queue-diagnostics';
import { hubLinkDiagnostics } from '../core/technician/hub-link-diagnostics';
import { AttractService } from '../core/attract/attract-service';
import { attractRoutes } from '../core/attract/attract-rpc';
import { hallTimeZone } from '../core/hall/hall-time';
import { VoiceService } from '../core/voice/voice-service';
import { voiceRoutes } from '../core/voice/voice-rpc';
import { voiceDiagnostics } from '../core/voice/voice-diagnostics';
import { spawnPiped } from '../core/voice/spawn-process';

const DEMO_QR_LABELS: Record<DemoAppointmentCase, string> = {
  valid: '预约码：可签到 (due now)',
  early: '预约码：未到时间 (early)',
  late: '预约码：已过时 (late)',
  used: '预约码：已签到 (used)',
};

export interface BootOptions {
  dataDir: string;
  shell: ShellKind;
  /** The Electron shell passes its safeStorage provider; others use the key file. */
  keyProvider?: KeyProvider;
  /** The Electron shell passes the hall key it sealed with safeStorage; others read `hall.key` (0600 required). */
  hallKeys?: HallKeys;
  /** A WLT photo decoder (vendor library): 人证核验 then compares with the card's photo instead of asking the hub. */
  photoDecoder?: PhotoDecoder;
  /** The A4 document printer: how a configured one is made (Windows spooler), or a stand-in setup (tests). */
  documentPrinting?: DocumentPrintingOptions;
  /** Echo log records on stdout (web shell, kioskctl core run). */
  logToStdout?: boolean;
  assetsDir?: string;
  /** Hub flags (kioskctl core run --hub --terminal-id --secret) over the configuration's. */
  hub?: HubFlags;
  /** The time source of the session's own idle limit (tests). */
  sessionTimers?: SessionTimers;
  /**
   * The core's clock (tests: one fixed day, so that what counts by the hall's day cannot change
   * at midnight between the test's reckoning and the kiosk's). The embedded hub keeps real time,
   * so a clock far from it makes the hub refuse this terminal's requests. The log's times and days follow it too.
   */
  clock?: Clock;
  /** Where the kiosk logs instead of DATA/logs (tests capture the lines); its owner closes it. The technician screen's recent lines then stay empty. */
  logger?: Logger;
  /** Byte pipes to devices, used instead of their configured port or an embedded emulator. */
  transports?: DeviceTransports;
}

export interface BootedKiosk {
  core: KioskCore;
  /** The emulators standing in for unconfigured devices (embedded defaults, demo). */
  embedded: EmbeddedDevices;
  /** The outbox, sync engine, tickets, pulls and heartbeat. */
  queue: OfflineQueueStack;
  /**
   * The hub this terminal talks to; `embedded` is set when it is the local reference hub, and
   * `connection.problem` when it has none it can use (it boots all the same; nothing is sent).
   */
  hub: KioskHub;
  /** The key of subject ids and shared templates, and whether it is the hall's (shared bindings) or this terminal's. */
  hallKeys: HallKeys;
  stop(): Promise<void>;
}

function moduleDir(): string {
  return typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
}

/**
 * Starts a kiosk core on its configuration, with what the embedded defaults add when the
 * configuration leaves them unset: emulated devices on ptys, and the local reference hub on
 * loopback. Shared by the Electron shell, the web shell and `kioskctl core run`, so that all three
 * host the same thing.
 */
export async function bootKiosk(options: BootOptions): Promise<BootedKiosk> {
  const terminalKeys = options.keyProvider ?? new FileKeyProvider(options.dataDir);
  // Before the tree is tightened: a hall.key other accounts could read is refused, not quietly made 0600.
  const hallKeys = options.hallKeys ?? fileHallKeys(options.dataDir, terminalKeys);
  // Data at rest is the kiosk user's only: a tree left 0755/0644 by an older version is tightened here, once.
  const tightened = preparePrivateDataDir(options.dataDir, [HALL_KEY_FILE_NAME]);
  const recentLogs = new RecentLogLines();
  const config = new ConfigStore(options.dataDir);
  const report = config.load();
  const clock = options.clock;
  const ownLogger = options.logger
    ? undefined
    : createLogger({
        logDir: path.join(options.dataDir, 'logs'),
        logDays: () => config.config.retention.logDays,
        recent: recentLogs,
        stdout: options.logToStdout ?? false,
        ...(clock ? { clock: () => clock.now() } : {}),
      });
  const logger: Logger = options.logger ?? ownLogger!;
  const transports = options.transports ?? {};
  if (tightened.failed.length) logger.warn({ failed: tightened.failed }, 'data directory: some paths could not be made private');
  if (hallKeys.problem) logger.error({ hallKeyShared: hallKeys.shared }, `hall key: ${hallKeys.problem}`);
  else
    logger.info(
      { hallKeyShared: hallKeys.shared },
      hallKeys.shared ? 'hall key in force: shared face bindings work across the hall' : 'no hall key: face bindings are recognised on this terminal only',
    );
  if (report.refused) logger.error({ issues: report.refused.issues, source: report.source }, 'configuration file refused; last good configuration in force');
  const assetsDir = options.assetsDir ?? resolveAssetsDir(moduleDir());

  const hub = await openKioskHub({
    config: config.config,
    dataDir: options.dataDir,
    assetsDir,
    ...(options.hub ? { flags: options.hub } : {}),
  });
  if (hub.embedded) logger.info({ url: hub.embedded.url }, 'no hub configured: using the local reference hub');
  if ('problem' in hub.connection) logger.error({ problem: hub.connection.problem }, 'no usable hub: submissions stay in the outbox');

  let embedded: EmbeddedDevices | undefined;
  let queue: OfflineQueueStack | undefined;
  let face: FaceService | undefined;
  const core = createKioskCore({
    dataDir: options.dataDir,
    shell: options.shell,
    config,
    logger,
    recentLogs,
    assetsDir,
    catalog: () => queue?.puller.cachedCatalog() ?? null,
    audit: {
      // Audit records reach the hub through the outbox; a refusal (disk quota) is logged, not fatal.
      record: (event) => {
        try {
          queue?.outbox.enqueue('audit.event', { ...event });
        } catch (err) {
          logger.error({ err, action: event.action, field: event.field }, 'audit record not queued');
        }
      },
    },
    keyProvider: terminalKeys,
    ...(options.sessionTimers ? { sessionTimers: options.sessionTimers } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    services: (ctx) => {
      const devices = (embedded = new EmbeddedDevices(
        ctx,
        (Object.keys(transports) as PortDevice[]).filter((device) => transports[device]),
      ));
      const idCard = new IdCardService(ctx, devices.portOf, transports.idCard);
      const printer = new PrinterService(ctx, devices.portOf, transports.printer);
      const scanner = new ScannerService(ctx, devices.portOf, transports.scanner);
      queue = createOfflineQueueStack({
        dataDir: ctx.dataDir,
        keyProvider: ctx.keyProvider,
        config: ctx.config,
        hub: hub.connection,
        logger: ctx.logger,
        clock: ctx.clock,
        appVersion: APP_VERSION,
        devices: () => Object.fromEntries(ctx.devices.list().map((d) => [d.device, { state: d.state, ...(d.detail ? { detail: d.detail } : {}) }])),
        onPurgeSubject: (subject) => face?.purgeSubject(subject),
      });
      // The local hub checks bindings against its sample citizens' faces, computed at the first binding and kept in hub.db.
      const embeddedHub = hub.embedded;
      const sampleFaces = embeddedHub
        ? new SampleFaceReferences({
            references: embeddedHub.hub.store.faceReferences,
            face: { subjectFor: (id) => face!.subjectFor(id), photoDescriptor: (file) => face!.photoDescriptor(file) },
            cards: emulatorSampleCards(),
            owners: SAMPLE_CARD_FACES,
            facesDir: sampleFacesDir(assetsDir),
            logger: ctx.logger,
            clock: ctx.clock,
          })
        : null;
      face = new FaceService({
        logger: ctx.logger,
        clock: ctx.clock,
        dataDir: ctx.dataDir,
        keyProvider: ctx.keyProvider,
        config: ctx.config,
        session: ctx.session,
        events: ctx.events,
        staffAuth: ctx.staffAuth,
        idCard,
        outbox: queue.outbox,
        hubClient: queue.client,
        hallKeys,
        cardPhotoDecoder: options.photoDecoder ?? null,
        ...(sampleFaces ? { prepareHolderCheck: () => (devices.isEmulating('idCard') ? sampleFaces.ensure() : Promise.resolve()) } : {}),
      });
      registerRoutes(ctx.router, faceRoutes(face));
      const subject = new SessionSubject(hallKeys.keys, idCard, face);
      // What the citizen-facing services read of the core: the terminal and hall as configured now.
      const inForce = { terminalId: () => ctx.config.config.terminal.id, hallName: () => ctx.config.config.terminal.hallName };
      const tickets = new TicketService({
        logger: ctx.logger,
        hallName: inForce.hallName,
        session: ctx.session,
        issuer: queue.issuer,
        printer,
        subject,
        catalog: () => ctx.catalog(),
      });
      registerRoutes(ctx.router, ticketRoutes(tickets));
      const results = new ResultsService({
        logger: ctx.logger,
        clock: ctx.clock,
        hallName: inForce.hallName,
        session: ctx.session,
        client: queue.client,
        printer,
        subject,
        timeZone: () => hallTimeZone(ctx.config.config),
      });
      registerRoutes(ctx.router, resultsRoutes(results));
      const attract = new AttractService({
        logger: ctx.logger,
        clock: ctx.clock,
        config: () => ctx.config.config,
        timeZone: () => hallTimeZone(ctx.config.config),
        catalog: () => ctx.catalog(),
        devices: ctx.devices,
        puller: queue.puller,
        hub: { configured: !('problem' in hub.connection), lastHeartbeatFailed: () => queue!.heartbeat.status().lastError !== null },
      });
      registerRoutes(ctx.router, attractRoutes(attract));
      const ratings = new RatingService({ logger: ctx.logger, clock: ctx.clock, terminalId: inForce.terminalId, outbox: queue.outbox, subject });
      registerRoutes(ctx.router, ratingRoutes(ratings));
      const appointments = new AppointmentService({
        logger: ctx.logger,
        clock: ctx.clock,
        ...inForce,
        session: ctx.session,
        client: queue.client,
        outbox: queue.outbox,
        printer,
        subject,
        catalog: () => ctx.catalog(),
        checkInWindow: () => ({
          earlyMinutes: ctx.config.config.services.appointmentEarlyMinutes,
          lateMinutes: ctx.config.config.services.appointmentLateMinutes,
        }),
        codePattern: () => ctx.config.config.services.appointmentCodePattern,
      });
      registerRoutes(ctx.router, appointmentRoutes(appointments));
      const forms = new FormService({
        logger: ctx.logger,
        clock: ctx.clock,
        dataDir: ctx.dataDir,
        ...inForce,
        session: ctx.session,
        idCard,
        printer,
        outbox: queue.outbox,
        subject,
        catalog: () => ctx.catalog(),
      });
      registerRoutes(ctx.router, formRoutes(forms));
      const documents = composeDocumentPrinting(ctx, { queue, subject, ...(options.documentPrinting ? { options: options.documentPrinting } : {}) });
      const technician = new TechnicianService({
        logger: ctx.logger,
        clock: ctx.clock,
        dataDir: ctx.dataDir,
        terminalId: () => ctx.config.config.terminal.id,
        staffAuth: ctx.staffAuth,
        deviceStates: ctx.devices,
        recentLogs: ctx.recentLogs,
        hardware: {
          idCard,
          printer,
          scanner,
          portOf: devices.portOf,
          emulated: (device) => devices.isEmulating(device),
          documentPrinter: () => documents.printer.printer,
          queue,
          ...('problem' in hub.connection ? { hubProblem: hub.connection.problem } : { hubUrl: hub.connection.url }),
          diagnosticsSections: [outboxDiagnostics, hubLinkDiagnostics, voiceDiagnostics],
        },
      });
      registerRoutes(ctx.router, technicianRoutes(technician));
      const voice = new VoiceService({
        spawn: spawnPiped,
        logger: ctx.logger,
        clock: ctx.clock,
        events: ctx.events,
        enabled: () => ctx.config.config.ui.voice,
      });
      registerRoutes(ctx.router, voiceRoutes(voice));
      // Only the local reference hub knows the demo appointments; a real hub has its own.
      const qrSamples = () => (hub.embedded ? DEMO_APPOINTMENT_CODES.map(({ code, case: c }) => ({ code, label: DEMO_QR_LABELS[c] })) : []);
      const demo = new DemoService({
        production: () => ctx.config.config.production,
        emulators: devices,
        sampleCards: emulatorSampleCards,
        qrSamples,
        control: requestJsonLine,
      });
      registerRoutes(ctx.router, demoRoutes(demo));
      return [
        devices,
        idCard,
        printer,
        scanner,
        ...queue.services,
        face,
        tickets,
        results,
        attract,
        ratings,
        appointments,
        forms,
        ...documents.services,
        technician,
        voice,
        demo,
        new StatusFileWriter(ctx, options.shell, devices.portOf),
      ];
    },
  });
  try {
    await core.start();
  } catch (err) {
    await core.stop().catch(() => undefined);
    await hub.stop();
    ownLogger?.closeFile();
    throw err;
  }
  return {
    core,
    embedded: embedded!,
    queue: queue!,
    hub,
    hallKeys,
    async stop() {
      await core.stop();
      await hub.stop();
      // Last, as the core logs while it stops; a line from a late timer after this is dropped.
      ownLogger?.closeFile();
    },
  };
}
