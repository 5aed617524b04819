import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { RpcError } from '../../../common/rpc/errors';
import type { Outbox } from '../../../offline-queue/outbox';
import type { HubClient } from '../../../offline-queue/hub-client';
import { readHubAnswer } from '../../../offline-queue/hub-answers';
import { galleryAnswerSchema } from '../../../common/hub-protocol/answers';
import { FACE_DB_FILE } from '../../face/gallery/gallery-store';
import { processingRecordPayload } from '../../face/gallery/processing-records';
import { FaceServices } from '../../face/face-services';
import { assertFrameWithin, CAMERA_FRAME_LIMIT } from '../../face/image/image-size-limit';
import type { FaceFlow } from '../../face/face-flow';
import { LivenessAttempts, TerminalLivenessGuard } from '../../face/liveness-attempts';
import type { LivenessAttempt } from '../../face/face-flow';
import { FACE_PAUSED, FACE_USE_OVER } from '../../face/messages';
import type { FaceBoundEvent, FaceGallery, FaceUnboundEvent } from '../../face/gallery/face-gallery';
import type { HallKeys } from '../../security/hall-keys';
import type { IdCardRecord, PhotoDecoder } from '../../../devices/id-card/card-parser';
import { DEFAULT_VERIFY_POLICY } from '../../face/decision-policy';
import { describePhotoFile } from '../../face/photo-file';
import { checkAgainstCardPhoto, checkWithHub, type HolderVerdict, type HolderVerification } from '../../face/verification/holder-check';
import { isUnderAge } from '../../face/verification/child-rule';
import { CHILD_NOT_BOUND } from '../../face/verification/messages';
import { hallLogDay } from '../../logging/daily-log-file';
import type { KioskCoreContext } from '../create-kiosk-core';
import type { CoreService } from '../lifecycle';
import type { IdCardService } from '../devices/id-card-service';
import { CallSession } from '../session/call-session';

const DAY_MS = 24 * 3600_000;
const HOUR_MS = 3600_000;
const GALLERY_PULL_MS = 60_000;
const WARM_UP_DELAY_MS = 5000;
/** How long a binding's hub check waits for the references being prepared (embedded hub) before asking anyway. */
const PREPARE_WAIT_MS = 60_000;
/** Pages of GET v1/gallery one sync takes at most (500 changes each); the rest waits for the next. */
const MAX_GALLERY_PAGES = 50;
/** Processing records handed to the outbox per pass. */
const RECORD_BATCH = 200;

/** What one gallery sync did (FaceService.syncGallery). */
export interface GallerySyncResult {
  /** Pages read; 0 when there is no gallery or no hub. */
  pages: number;
  applied: number;
  rejected: number;
  /** The hub answered every page and had nothing more: every change up to now is applied (and, by the last request's cursor, confirmed). */
  complete: boolean;
}

export interface FaceServiceDeps {
  idCard: IdCardService;
  outbox?: Pick<Outbox, 'enqueue'>;
  hubClient?: Pick<HubClient, 'get' | 'verifyFace'>;
  /** Subject ids and shared templates; `shared` says whether bindings can work at the hall's other terminals. */
  hallKeys: HallKeys;
  /**
   * Decodes the card's WLT photo (a vendor library; none by default). With one, 人证核验 compares
   * the live face with the card's photo here; without, the hub decides (POST v1/faces/verify).
   */
  cardPhotoDecoder?: PhotoDecoder | null;
  /**
   * Started when a binding starts, awaited (at most a minute) before the hub is asked: the embedded
   * defaults compute their sample citizens' reference faces for the local hub with it.
   */
  prepareHolderCheck?: () => Promise<void>;
}

/** The camera frame of an RPC, refused from its header when it is larger than the camera's. */
function frameOf(jpegBase64: string) {
  const frame = { kind: 'encoded' as const, bytes: new Uint8Array(Buffer.from(jpegBase64, 'base64')) };
  try {
    assertFrameWithin(frame, CAMERA_FRAME_LIMIT);
  } catch (err) {
    throw new RpcError('invalid-input', `camera frame not usable: ${(err as Error).message}`);
  }
  return frame;
}

/**
 * 刷脸办事 in the core: binding (after an ID card read, with the two consents) and identification,
 * one camera session at a time; the identified subject stays here. Shared bindings go to the hall
 * through the outbox, other terminals' arrive from GET v1/gallery; unused templates are purged.
 */
export class FaceService implements CoreService {
  readonly name = 'face';
  private face: FaceServices | null = null;
  private flow: { id: string; flow: FaceFlow; mode: 'identify' | 'bind' } | null = null;
  private faceSubject: string | null = null;
  /** Failed liveness checks in a row this session: after three, face.start is refused until the session is reset. */
  private readonly livenessAttempts = new LivenessAttempts();
  private readonly terminalGuard: TerminalLivenessGuard;
  private timers: NodeJS.Timeout[] = [];
  /** Gallery syncs run one at a time (the timer's and a caller's). */
  private gallerySyncs: Promise<unknown> = Promise.resolve();
  /** Between start and stop: a sync queued before stop does not reopen face.db after it. */
  private running = false;

  constructor(
    private readonly ctx: KioskCoreContext,
    private readonly deps: FaceServiceDeps,
  ) {
    this.terminalGuard = new TerminalLivenessGuard(() => ctx.clock.now());
    ctx.session.onReset(() => this.forgetSession());
    deps.idCard.onCardOfAnotherCitizen((record) => this.faceSubject !== null && this.face?.subjectIds.subjectFor(record.idNumber) !== this.faceSubject);
    const { router } = ctx;

    router.handle('face.status', () => {
      const config = ctx.config.config.face;
      const card = deps.idCard.currentIdentity;
      // With face off, a citizen can still learn that a face is bound here, and delete it.
      const services = card ? this.openedServices() : null;
      const underAge = card ? this.underAge(card) : false;
      return {
        enabled: config.enabled,
        sharingOffered: this.sharingOffered(),
        identity: card ? 'card' : this.faceSubject ? 'face' : 'none',
        bound: card && services ? services.gallery.has(services.subjectIds.subjectFor(card.idNumber)) : null,
        binding: card ? { allowed: !underAge, refusal: underAge ? ('under-14' as const) : null, text: underAge ? CHILD_NOT_BOUND : null } : null,
      };
    });

    router.handle('face.notice', () => {
      const config = ctx.config.config;
      return {
        hallName: config.terminal.hallName,
        operator: config.privacy.operator,
        contact: config.privacy.contact,
        retentionDays: config.face.templateRetentionDays,
        sharedAcrossHall: this.sharingOffered(),
        holderCheck: deps.cardPhotoDecoder ? ('card-photo' as const) : deps.hubClient ? ('hub' as const) : ('none' as const),
      };
    });

    router.handle('face.start', async (input) => {
      const services = this.requireEnabled();
      await this.cancelFlow();
      if (this.livenessAttempts.over) {
        throw new RpcError('forbidden', 'face use has ended for this session after failed liveness checks', { citizenMessage: FACE_USE_OVER });
      }
      const pausedUntil = this.terminalGuard.pausedUntilTime();
      if (pausedUntil !== null) {
        throw new RpcError('forbidden', `face use is paused on this terminal until ${new Date(pausedUntil).toISOString()} after repeated failed liveness checks`, { citizenMessage: FACE_PAUSED });
      }
      if (input.mode === 'bind') {
        const card = deps.idCard.currentIdentity;
        if (!card) throw new RpcError('not-ready', 'binding a face needs the ID card read first');
        if (this.underAge(card)) throw new RpcError('forbidden', 'the card says its holder is under 14: no face is bound for a child here', { citizenMessage: CHILD_NOT_BOUND });
        // Shared only where sharing can work: no share consent is taken without the hall key.
        const shareConsent = this.sharingOffered() ? input.shareConsent : null;
        const subject = services.subjectIds.subjectFor(card.idNumber);
        const holder = this.holderVerification(services, subject, card);
        this.flow = { id: randomUUID(), mode: 'bind', flow: services.startFlow({ kind: 'bind', subject, storeConsent: input.storeConsent, shareConsent, holder }) };
      } else {
        this.flow = { id: randomUUID(), mode: 'identify', flow: services.startFlow({ kind: 'identify' }) };
      }
      ctx.logger.info({ mode: input.mode }, 'face session started');
      return { sessionId: this.flow.id };
    });

    router.handle('face.frame', async ({ sessionId, jpegBase64 }) => {
      const current = this.flow;
      if (!current || current.id !== sessionId) throw new RpcError('conflict', 'this face session has ended');
      const call = new CallSession(ctx.session, 'face.frame');
      const view = await current.flow.submitFrame(frameOf(jpegBase64)).catch((err: Error) => {
        throw new RpcError('invalid-input', `camera frame not usable: ${err.message}`);
      });
      // Ended (or cancelled) while the engine looked at the frame: a face identified now would
      // become the next session's citizen.
      call.stillCurrent();
      if (this.flow !== current) throw new RpcError('conflict', 'this face session has ended');
      if (current.flow.finished) this.finish(current, view.result?.kind ?? 'failed');
      if (view.result?.kind === 'failed' && this.livenessAttempts.over) return { ...view, result: { ...view.result, text: FACE_USE_OVER } };
      return view;
    });

    router.handle('face.cancel', async ({ sessionId }) => {
      if (this.flow?.id === sessionId) await this.cancelFlow();
      return {};
    });

    // Deleting works with face switched off too: a citizen's withdrawal never depends on the setting.
    router.handle('face.unbind', () => {
      const card = deps.idCard.currentIdentity;
      if (!card) throw new RpcError('not-ready', 'deleting a face binding needs the citizen’s ID card');
      const services = this.openedServices();
      const removed = services ? services.gallery.unbind(services.subjectIds.subjectFor(card.idNumber)) : false;
      ctx.logger.info({ removed }, 'face binding deleted by the citizen');
      return { removed };
    });

    router.handle('staff.face.deleteTemplates', ({ token }) => {
      ctx.staffAuth.authorize(token);
      const removed = this.openedServices()?.gallery.deleteAll() ?? 0;
      ctx.logger.info({ removed }, 'every face template on this terminal deleted by staff');
      return { removed };
    });

    router.handle('tech.camera.analyze', async ({ token, jpegBase64 }) => {
      ctx.staffAuth.authorize(token);
      const services = this.requireEnabled();
      const started = performance.now();
      const r = await services.engine.analyze(frameOf(jpegBase64), { detector: 'fast', descriptors: false }).catch((err: Error) => {
        throw new RpcError('invalid-input', `camera frame not usable: ${err.message}`);
      });
      return {
        backend: r.backend,
        ms: Math.round(performance.now() - started),
        faces: r.faces.map((f) => ({
          box: { x: f.box.x / r.width, y: f.box.y / r.height, width: f.box.width / r.width, height: f.box.height / r.height },
          score: Math.round(f.score * 100) / 100,
        })),
      };
    });
  }

  /** The subject identified by face in this session, for the core's other services (tickets, results). */
  get identifiedSubject(): string | null {
    return this.faceSubject;
  }

  /** The pseudonymous subject id of an ID number (the hall key's when in force), for the embedded hub's sample references. */
  subjectFor(idNumber: string): string {
    return this.services().subjectIds.subjectFor(idNumber);
  }

  /** The descriptor of the one face in a photo file, by this terminal's engine; throws naming the file otherwise. */
  async photoDescriptor(file: string): Promise<Float32Array> {
    const described = await describePhotoFile(this.services().pipeline, file);
    if (!described.descriptor) throw new Error(described.problem ?? `${file}: no usable face`);
    return described.descriptor;
  }

  /** The gallery (face.db) when there is one to use: face switched on, or a face.db left from when it was. */
  gallery(): FaceGallery | null {
    return this.openedServices()?.gallery ?? null;
  }

  /** The hub's purge-subject command; runs with face switched off too (the gallery is opened for it). */
  purgeSubject(subject: string): void {
    this.openedServices()?.gallery.handlePurgeSubject({ subject });
  }

  /**
   * The retention purges: templates unused for `face.templateRetentionDays`, processing records
   * older than `retention.processingRecordDays`. Daily, and with face switched off too.
   */
  purgeExpired(): { templates: number; records: number } {
    const services = this.openedServices();
    if (!services) return { templates: 0, records: 0 };
    const config = this.ctx.config.config;
    const templates = services.gallery.purgeExpired(config.face.templateRetentionDays);
    const records = services.gallery.purgeProcessingRecords(config.retention.processingRecordDays);
    if (templates > 0) this.ctx.logger.info({ removed: templates }, 'face templates unused past their retention purged');
    if (records > 0) this.ctx.logger.info({ removed: records }, 'face processing records past their retention purged');
    return { templates, records };
  }

  async start(): Promise<void> {
    if (this.ctx.config.config.face.enabled) {
      const services = this.services();
      // Load the models shortly after start (not during it), so the first citizen does not wait.
      this.timers.push(
        setTimeout(() => {
          void services.engine.start().then(
            (info) => this.ctx.logger.info({ backend: info.backend }, 'face engine ready'),
            (err: unknown) => this.ctx.logger.error({ err }, 'face engine failed to start'),
          );
        }, WARM_UP_DELAY_MS),
      );
    }
    this.running = true;
    // Retention, records and the hall's deletions keep running with face switched off.
    const housekeeping = () => {
      try {
        this.purgeExpired();
      } catch (err) {
        this.ctx.logger.error({ err }, 'face retention purge failed');
      }
    };
    housekeeping();
    this.timers.push(setInterval(housekeeping, DAY_MS));
    this.flushRecords();
    this.timers.push(setInterval(() => this.flushRecords(), HOUR_MS));
    if (this.deps.hubClient) {
      void this.syncGallery();
      this.timers.push(setInterval(() => void this.syncGallery(), GALLERY_PULL_MS));
    }
    for (const t of this.timers) t.unref();
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    this.flow = null;
    await this.face?.close();
    this.face = null;
  }

  private services(): FaceServices {
    this.face ??= new FaceServices({
      dataDir: this.ctx.dataDir,
      keys: this.ctx.keyProvider,
      hallKeys: this.deps.hallKeys.keys,
      clock: () => this.ctx.clock.now(),
      hooks: {
        onBound: (event: FaceBoundEvent) => this.enqueue('face.bound', { ...event }),
        onUnbound: (event: FaceUnboundEvent) => this.enqueue('face.unbound', { ...event }),
        onRecords: () => this.flushRecords(),
        terminalId: () => this.ctx.config.config.terminal.id,
      },
    });
    return this.face;
  }

  /**
   * The face services when there is anything for them to do: face switched on, or a face.db left
   * from when it was (templates to delete or purge, records to keep). With face off and no face.db,
   * null: nothing is created. Opening them starts no engine and loads no template into memory.
   */
  private openedServices(): FaceServices | null {
    if (this.face) return this.face;
    if (this.ctx.config.config.face.enabled || existsSync(path.join(this.ctx.dataDir, FACE_DB_FILE))) return this.services();
    return null;
  }

  /** Hands the processing records not yet queued to the outbox (the hub keeps one per record id, so a repeat after a crash is harmless). */
  private flushRecords(): void {
    const outbox = this.deps.outbox;
    const services = this.face;
    if (!outbox || !services) return;
    try {
      for (;;) {
        const batch = services.store.records.unqueued(RECORD_BATCH);
        for (const record of batch) {
          outbox.enqueue('face.processing-record', { ...processingRecordPayload(record) });
          services.store.records.markQueued(record.id, this.ctx.clock.now());
        }
        if (batch.length < RECORD_BATCH) return;
      }
    } catch (err) {
      this.ctx.logger.error({ err }, 'face processing records not queued for the hub; they are tried again within the hour');
    }
  }

  /** Sharing is offered, and can work: the hall key is in force (otherwise a binding stays on this terminal). */
  private sharingOffered(): boolean {
    return this.ctx.config.config.face.sharingOffered && this.deps.hallKeys.shared;
  }

  /** Under 14 on the hall's calendar (UTC+8, as the printed tickets): no face binding (PIPL art. 31). */
  private underAge(card: IdCardRecord): boolean {
    return isUnderAge(card.birthDate, hallLogDay(this.ctx.clock.now()));
  }

  /**
   * 人证核验 for one binding: against the card's photo when a WLT decoder is configured, else by the
   * hub. A check that ends after the citizen's session did is not a match (nothing is stored for a
   * session that is over).
   */
  private holderVerification(services: FaceServices, subject: string, card: IdCardRecord): HolderVerification {
    const { cardPhotoDecoder: decoder, hubClient, prepareHolderCheck } = this.deps;
    const wlt = Uint8Array.from(card.photo.wlt);
    const call = new CallSession(this.ctx.session, 'face binding');
    const prepared = prepareHolderCheck?.().catch((err: unknown) => this.ctx.logger.warn({ err }, 'reference faces for the hub check not prepared'));
    return async (template) => {
      let verdict: HolderVerdict;
      if (decoder) verdict = await checkAgainstCardPhoto({ decoder, pipeline: services.pipeline, policy: DEFAULT_VERIFY_POLICY }, wlt, template);
      else if (hubClient) {
        await waitAtMost(prepared, PREPARE_WAIT_MS);
        verdict = await checkWithHub(hubClient, subject, template);
      } else verdict = { check: 'unavailable', detail: 'no card photo decoder and no hub to check with' };
      wlt.fill(0);
      if (call.ended) verdict = { check: 'unavailable', detail: 'the session ended during the check' };
      this.ctx.logger.info({ check: verdict.check, detail: verdict.detail }, 'face binding: holder check (人证核验)');
      return verdict;
    };
  }

  private requireEnabled(): FaceServices {
    if (!this.ctx.config.config.face.enabled) throw new RpcError('unavailable', 'face identification is switched off on this terminal');
    return this.services();
  }

  private enqueue(kind: 'face.bound' | 'face.unbound', payload: Record<string, unknown>): void {
    try {
      this.deps.outbox?.enqueue(kind, payload);
    } catch (err) {
      this.ctx.logger.error({ err, kind }, 'face binding change not queued for the hall');
    }
  }

  private finish(current: { flow: FaceFlow; mode: 'identify' | 'bind' }, result: string): void {
    this.ctx.logger.info({ mode: current.mode, result }, 'face session ended');
    this.recordAttempt(current.flow.livenessAttempt);
    if (current.mode === 'identify' && current.flow.outcome.subject) {
      this.faceSubject = current.flow.outcome.subject;
      this.ctx.events.publish('identity.changed', { kind: 'face-identified' });
    }
    this.flow = null;
  }

  private async cancelFlow(): Promise<void> {
    if (this.flow) this.recordAttempt(this.flow.flow.livenessAttempt);
    this.flow = null;
  }

  private recordAttempt(attempt: LivenessAttempt): void {
    this.livenessAttempts.record(attempt);
    if (this.terminalGuard.record(attempt)) {
      this.ctx.logger.warn({ pausedUntil: new Date(this.terminalGuard.pausedUntilTime()!).toISOString() }, 'face use paused on this terminal after repeated failed liveness checks');
    }
  }

  private forgetSession(): void {
    // An attempt abandoned by ending the session still counts on the terminal.
    if (this.flow) this.terminalGuard.record(this.flow.flow.livenessAttempt);
    this.flow = null;
    this.livenessAttempts.reset();
    this.faceSubject = null;
  }

  /**
   * Pulls the hall's gallery changes (GET v1/gallery) page by page until the hub has nothing newer,
   * each page applied with its cursor in one transaction. The last request carries the final
   * cursor, which is how the hub learns that this terminal applied every deletion before it
   * (docs/hub-protocol.md §6). With face switched off, deletions apply and new bindings are not
   * taken in. One sync at a time; a call during a sync runs after it.
   */
  syncGallery(): Promise<GallerySyncResult> {
    const run = this.gallerySyncs.then(() => this.pullGalleryPages());
    this.gallerySyncs = run.catch(() => undefined);
    return run;
  }

  private async pullGalleryPages(): Promise<GallerySyncResult> {
    const result: GallerySyncResult = { pages: 0, applied: 0, rejected: 0, complete: false };
    const client = this.deps.hubClient;
    const services = client && this.running ? this.openedServices() : null;
    if (!services || !client) return result;
    const acceptPuts = this.ctx.config.config.face.enabled;
    if (acceptPuts && services.gallery.resumeHallPuts()) this.ctx.logger.info('hall face bindings to be synced from scratch');
    try {
      while (result.pages < MAX_GALLERY_PAGES) {
        const since = services.gallery.galleryCursor();
        const r = readHubAnswer(await client.get(`v1/gallery${since ? `?since=${encodeURIComponent(since)}` : ''}`), galleryAnswerSchema, 'GET v1/gallery', this.ctx.logger);
        if (r.kind !== 'answer' || this.face !== services) break; // hub unavailable, or stopped meanwhile
        result.pages++;
        const advanced = r.value.cursor !== (since ?? '0');
        if (!advanced && r.value.changes.length === 0) {
          result.complete = true;
          break;
        }
        const page = services.gallery.applyRemoteChanges(r.value, { acceptPuts });
        result.applied += page.applied;
        result.rejected += page.rejected;
        if (!advanced) break; // a hub that repeats its cursor: not asked again until the next sync
      }
    } catch (err) {
      this.ctx.logger.warn({ err }, 'hall face bindings not applied');
    }
    if (result.applied || result.rejected) this.ctx.logger.info({ applied: result.applied, rejected: result.rejected }, 'hall face bindings applied');
    return result;
  }
}

/** Resolves when `promise` settles or after `ms`, whichever comes first (never rejects). */
function waitAtMost(promise: Promise<unknown> | undefined, ms: number): Promise<void> {
  if (!promise) return Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.then(
      () => undefined,
      () => undefined,
    ),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
      timer.unref();
    }),
  ]).finally(() => clearTimeout(timer));
}
