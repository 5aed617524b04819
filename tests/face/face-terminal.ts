import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createKioskCore, type KioskCore } from '../../main/core/create-kiosk-core';
import type { Clock } from '../../base/clock';
import { ConfigStore } from '../../main/config/config-store';
import { silentLogger } from '../../main/logging/logger';
import { HALL_KEY_FILE_NAME } from '../../main/security/key-provider';
import { StaticKeyProvider } from '../../base/key-provider';
import { fileHallKeys } from '../../main/security/hall-keys';
import { EmbeddedDevices } from '../../main/host/embedded-devices';
import { IdCardService } from '../../main/core/devices/id-card-service';
import { FaceService } from '../../main/core/face/face-service';
import { faceRoutes } from '../../main/core/face/face-rpc';
import { registerRoutes } from '../../main/core/rpc/route-table';
import { startReferenceHub, type ReferenceHub } from '../../hub/reference-hub';
import { REPO_ROOT } from '../../testing/repo-root';
import { createOfflineQueueStack, type OfflineQueueStack } from '../../offline-queue/offline-queue-stack';
import { SAMPLE_CARDS } from '../../devices/emulators/id-card/card-spec';
import { SubjectIdDeriver } from '../../main/face/gallery/subject-id';
import type { FaceGallery } from '../../main/face/gallery/face-gallery';
import { nextEvent } from '../helpers/next-event';

/**
 * One terminal of a hall for the face tests: a kiosk core with the real parts a terminal has
 * for face data — the emulated ID card reader on a pty, the outbox, sync engine and heartbeat
 * talking HTTP to a hub, the face service on face.db, `hall.key` (0600) shared with the hall's
 * other terminals — composed as `main/host/boot.ts` composes them, keeping the face service at hand
 * (bindings are made through its gallery with a template vector, not the camera).
 */
export interface FaceTerminal {
  readonly id: string;
  readonly dir: string;
  readonly core: KioskCore;
  readonly face: FaceService;
  readonly queue: OfflineQueueStack;
  readonly terminalKey: Buffer;
  /** The subject id the hall gives a sample card's citizen. */
  subjectOf(card?: string): string;
  /** The terminal's gallery (face.db), opened as the face service opens it. */
  gallery(): FaceGallery;
  /** Lays a sample card on the reader and waits until the core has read it. */
  placeCard(card?: string): Promise<void>;
  removeCard(): void;
  stop(): Promise<void>;
}

export interface FaceTerminalOptions {
  id: string;
  hubUrl: string;
  secret: string;
  hallKey: Buffer;
  faceEnabled?: boolean;
  clock?: Clock;
  /** An existing data directory (a restart); by default a new temp one, removed by stop(). */
  dir?: string;
  /** The terminal's data key (a restart needs the same); by default a new one. */
  terminalKey?: Buffer;
  /** The mode hall.key is placed with (default 0600); a looser one is refused, and the terminal runs on its own key. */
  hallKeyMode?: number;
  /** The logger of the core (default silent). */
  logger?: ReturnType<typeof silentLogger>;
}

export const secretOf = (id: string) => `${id}-secret-0123456789`;

export async function startFaceTerminal(o: FaceTerminalOptions): Promise<FaceTerminal> {
  const dir = o.dir ?? mkdtempSync(path.join(os.tmpdir(), `face-terminal-${o.id}-`));
  writeFileSync(
    path.join(dir, 'config.json'),
    JSON.stringify({
      terminal: { id: o.id },
      hub: { url: o.hubUrl, terminalSecret: o.secret, syncIntervalS: 3600, heartbeatIntervalS: 3600 },
      face: { enabled: o.faceEnabled ?? true },
      devices: { printer: { enabled: false }, scanner: { enabled: false } },
    }),
  );
  const hallKeyFile = path.join(dir, HALL_KEY_FILE_NAME);
  writeFileSync(hallKeyFile, o.hallKey.toString('base64'));
  const hallKeyMode = o.hallKeyMode ?? 0o600;
  chmodSync(hallKeyFile, hallKeyMode);
  const terminalKey = o.terminalKey ?? randomBytes(32);
  const keyProvider = new StaticKeyProvider(terminalKey);
  const hallKeys = fileHallKeys(dir, keyProvider);
  if (!hallKeys.shared && (hallKeyMode & 0o077) === 0) throw new Error(`hall key not in force: ${hallKeys.problem ?? 'unknown'}`);
  const config = new ConfigStore(dir);
  const report = config.load();
  if (report.refused) throw new Error(`test configuration refused: ${JSON.stringify(report.refused.issues)}`);
  const logger = o.logger ?? silentLogger();

  let devices: EmbeddedDevices | undefined;
  let queue: OfflineQueueStack | undefined;
  let face: FaceService | undefined;
  const core = createKioskCore({
    dataDir: dir,
    shell: 'headless',
    config,
    logger,
    keyProvider,
    ...(o.clock ? { clock: o.clock } : {}),
    services: (ctx) => {
      devices = new EmbeddedDevices(ctx);
      const idCard = new IdCardService(ctx, devices.portOf);
      queue = createOfflineQueueStack({
        dataDir: dir,
        keyProvider,
        config,
        hub: { url: o.hubUrl, terminalId: o.id, secret: o.secret },
        logger,
        clock: ctx.clock,
        appVersion: 'test',
        onPurgeSubject: (subject) => face?.purgeSubject(subject),
      });
      face = new FaceService({ ...ctx, idCard, outbox: queue.outbox, hubClient: queue.client, hallKeys });
      registerRoutes(ctx.router, faceRoutes(face));
      return [devices, idCard, ...queue.services, face];
    },
  });
  await core.start();
  const subjects = new SubjectIdDeriver(new StaticKeyProvider(o.hallKey));
  let stopped = false;
  return {
    id: o.id,
    dir,
    core,
    face: face!,
    queue: queue!,
    terminalKey,
    subjectOf: (card = 'resident') => subjects.subjectFor(SAMPLE_CARDS.find((c) => c.id === card)!.idNumber),
    gallery: () => face!.gallery()!,
    async placeCard(card = 'resident') {
      const read = nextEvent(core, 'identity.changed', (p) => p.kind === 'identified');
      devices!.idCardEmulator!.emulator.place(card);
      await read;
    },
    removeCard: () => devices!.idCardEmulator!.emulator.remove(),
    async stop() {
      if (stopped) return;
      stopped = true;
      await core.stop();
      if (!o.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A hall: a reference hub with its terminals, and the hall key they share. */
export interface Hall {
  hub: ReferenceHub;
  /** The hub's data directory (hub.db). */
  hubDir: string;
  hallKey: Buffer;
  /** A terminal of the hall; `restartOf` restarts a stopped one on its data directory and key. */
  terminal(id: string, options?: Partial<FaceTerminalOptions>, restartOf?: FaceTerminal): Promise<FaceTerminal>;
}

/**
 * A hall of the terminals `ids` in temp directories, the hub and every terminal on `clock` (default
 * the system's); what it starts is stopped and removed by `cleanups` (run them in reverse).
 */
export async function startHall(ids: string[], cleanups: (() => Promise<void> | void)[], o: { clock?: Clock } = {}): Promise<Hall> {
  const hubDir = mkdtempSync(path.join(os.tmpdir(), 'face-hall-hub-'));
  cleanups.push(() => rmSync(hubDir, { recursive: true, force: true }));
  const catalogFile = path.join(REPO_ROOT, 'assets', 'catalog', 'default-catalog.json');
  const clock = o.clock ? { clock: o.clock } : {};
  const hub = await startReferenceHub({ dataDir: hubDir, catalogFile, terminals: ids.map((id) => ({ id, secret: secretOf(id) })), ...clock });
  cleanups.push(() => hub.stop());
  const hallKey = randomBytes(32);
  return {
    hub,
    hubDir,
    hallKey,
    async terminal(id, options = {}, restartOf) {
      const dir = restartOf?.dir ?? mkdtempSync(path.join(os.tmpdir(), `face-hall-${id}-`));
      if (!restartOf) cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const t = await startFaceTerminal({
        id,
        hubUrl: hub.url,
        secret: secretOf(id),
        hallKey,
        dir,
        ...clock,
        ...(restartOf ? { terminalKey: restartOf.terminalKey } : {}),
        ...options,
      });
      cleanups.push(() => t.stop());
      return t;
    },
  };
}
