// Over 300 lines: the face RPC methods share one session (consent, capture, liveness, binding, identification, gallery sync); apart they would pass that state around.
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
import { keyFingerprint, type HallKeys } from '../../security/hall-keys';
import { SubjectIdDeriver } from '../../face/gallery/subject-id';
import { deletionSentence } from '../../face/gallery/deletion-messages';
import type { IdCardRecord, PhotoDecoder } from '../../../devices/id-card/card-parser';
import { HOLDER_LOCKED, HOLDER_MISMATCH_LIMIT, bindingLockedUntil } from '../../face/verification/holder-mismatches';
import { BINDING_HOLDER_POLICY } from '../../../common/face/decision-policy';
import { describePhotoFile } from '../../face/photo-file';
import { checkAgainstCardPhoto, checkWithHub, type HolderVerdict, type HolderVerification } from '../../face/verification/holder-check';
import { isUnderAge } from '../../face/verification/child-rule';
import { CHILD_NOT_BOUND } from '../../face/verification/messages';
import { hallLogDay } from '../../logging/daily-log-file';
import type { KioskCoreContext } from '../create-kiosk-core';
import type { CoreService } from '../../../base/lifecycle';
import type { IdCardService } from '../devices/id-card-service';
import { CallSession } from '../session/call-session';
import type { KioskConfig } from '../../../common/config/schema';
import { NOTICE_CHANGED_PATH, type FaceNoticeFacts } from '../../../common/rpc/contract';
import type { LocalizedText } from '../../../common/i18n/languages';
import type { FaceFlowView } from '../../face/face-flow';
import { consentTextId, withFactsHash } from './face-notice-facts';

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
  outbox?: Pick<Outbox, 'enqueue' | 'withdrawFaceTemplates'>;
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
  /** 人证核验 mismatches this session: at HOLDER_MISMATCH_LIMIT, binding is refused until the session is reset. */
  private sessionHolderMismatches = 0;
  private readonly terminalGuard: TerminalLivenessGuard;
  private timers: NodeJS.Timeout[] = [];
  /** Gallery syncs run one at a time (the timer's and a caller's). */
  private gallerySyncs: Promise<unknown> = Promise.resolve();
  /** Between start and stop: a sync queued before stop does not reopen face.db after it. */
  private running = false;
  /** Whether the last face.unbound the gallery asked for was queued (face.unbind's answer). */
  private unboundQueued: boolean | null = null;

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
      const refusal = card ? this.bindingRefusal(card, services) : null;
      return {
        enabled: config.enabled,
        sharingOffered: this.sharingOffered(),
        identity: card ? 'card' : this.faceSubject ? 'face' : 'none',
        bound: card && services ? this.subjectsOfCard(card.idNumber, services).some((s) => services.gallery.has(s)) : null,
        // Offered wherever a face of this citizen may be held: here (face on, or a face.db left), or elsewhere in the hall.
        deletionOffered: card !== null && (config.enabled || services !== null || this.deps.hallKeys.shared),
        problem: card ? (services?.gallery.pseudonymKeyProblem() ?? null) : null,
        binding: card ? { allowed: refusal === null, refusal: refusal?.refusal ?? null, text: refusal?.text ?? null } : null,
      };
    });

    router.handle('face.notice', () => this.noticeFacts());

    router.handle('face.start', async (input) => {
      const services = this.requireEnabled();
      // Bindings made under another key than the one in force: face use is refused rather than orphaning them (hall-keys.ts).
      const keyProblem = services.gallery.pseudonymKeyProblem();
      if (keyProblem) throw new RpcError('unavailable', keyProblem);
      await this.cancelFlow();
      if (this.livenessAttempts.over) {
        throw new RpcError('forbidden', 'face use has ended for this session after failed liveness checks', { citizenMessage: FACE_USE_OVER });
      }
      const pausedUntil = this.terminalGuard.pausedUntilTime();
      if (pausedUntil !== null) {
        throw new RpcError('forbidden', `face use is paused on this terminal until ${new Date(pausedUntil).toISOString()} after repeated failed liveness checks`, { citizenMessage: FACE_PAUSED });
      }
      // The notice the citizen read must be the one in force: its facts may have changed meanwhile
      // (settings, the hall key, the hub); the screen then shows the notice again.
      if (input.notice && input.notice.factsHash !== this.noticeFacts().factsHash) {
        throw new RpcError('conflict', 'the face notice changed since it was shown: show it again before the camera opens', {
          issues: [{ path: NOTICE_CHANGED_PATH, message: 'does not match the facts of the notice in force' }],
        });
      }
      if (input.mode === 'bind') {
        const card = deps.idCard.currentIdentity;
        if (!card) throw new RpcError('not-ready', 'binding a face needs the ID card read first');
        const refusal = this.bindingRefusal(card, services);
        if (refusal) throw new RpcError('forbidden', refusal.reason, { citizenMessage: refusal.text });
        // Shared only where sharing can work: no share consent is taken without the hall key.
        const shareConsent = this.sharingOffered() && input.shareConsent ? { textVersion: consentTextId(input.shareConsent.textVersion, input.notice) } : null;
        // The consent record says which notice was accepted: wording, language and facts.
        const storeConsent = { textVersion: consentTextId(input.storeConsent.textVersion, input.notice) };
        const subject = services.subjectIds.subjectFor(card.idNumber);
        const holder = this.holderVerification(services, subject, card);
        this.flow = { id: randomUUID(), mode: 'bind', flow: services.startFlow({ kind: 'bind', subject, storeConsent, shareConsent, holder }) };
      } else {
        this.flow = { id: randomUUID(), mode: 'identify', flow: services.startFlow({ kind: 'identify' }) };
      }
      ctx.logger.info({ mode: input.mode }, 'face session started');
      return { sessionId: this.flow.id };
    });

    router.handle('face.frame', async ({ sessionId, jpegBase64 }) => {
      // Staff may switch face off while a citizen is at the camera: no frame is looked at after that.
      if (!ctx.config.config.face.enabled) {
        await this.cancelFlow();
        throw new RpcError('unavailable', 'face identification is switched off on this terminal');
      }
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
      if (current.flow.finished) this.finish(current, view.result);
      if (view.result?.kind === 'failed' && this.livenessAttempts.over) return { ...view, result: { ...view.result, text: FACE_USE_OVER } };
      return view;
    });

    router.handle('face.cancel', async ({ sessionId }) => {
      if (this.flow?.id === sessionId) await this.cancelFlow();
      return {};
    });

    // Deleting works with face switched off too: a citizen's withdrawal never depends on the setting.
    // Offered at every terminal, not only one holding the face: the hall is always told (the hub's deletion is idempotent).
    router.handle('face.unbind', () => {
      const card = deps.idCard.currentIdentity;
      if (!card) throw new RpcError('not-ready', 'deleting a face binding needs the citizen’s ID card');
      const services = this.openedServices();
      let removed = false;
      let hallNotified = true;
      for (const subject of this.subjectsOfCard(card.idNumber, services)) {
        this.unboundQueued = null;
        if (services) removed = services.gallery.unbind(subject) || removed;
        else this.unboundQueued = this.enqueue('face.unbound', { subject });
        hallNotified &&= this.unboundQueued === true;
      }
      ctx.logger.info({ removed, hallNotified }, 'face binding deleted by the citizen');
      return { removed, hallNotified, text: deletionSentence(removed, this.deps.hallKeys.shared || (this.deps.hallKeys.formerKeys?.length ?? 0) > 0, hallNotified) };
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

  /**
   * The subject ids a card's citizen may have here: under the key in force, and under an earlier
   * key (HallKeys.formerKeys) whose fingerprint is the one face.db's bindings were made under, so
   * that a citizen can delete a binding made before the key changed (pseudonymKeyProblem).
   */
  private subjectsOfCard(idNumber: string, services: FaceServices | null): string[] {
    const inForce = services ? services.subjectIds.subjectFor(idNumber) : new SubjectIdDeriver(this.deps.hallKeys.keys).subjectFor(idNumber);
    const recorded = services?.gallery.bindingsKey()?.fingerprint;
    const former = (this.deps.hallKeys.formerKeys ?? []).filter((k) => recorded !== undefined && keyFingerprint(k) === recorded);
    return [...new Set([inForce, ...former.map((k) => new SubjectIdDeriver(k).subjectFor(idNumber))])];
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
    this.ctx.config.on('changed', this.onConfigChanged);
    const keyProblem = this.openedServices()?.gallery.pseudonymKeyProblem();
    if (keyProblem) this.ctx.logger.error({ hallKeyShared: this.deps.hallKeys.shared }, keyProblem);
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
    this.ctx.config.off('changed', this.onConfigChanged);
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    this.flow?.flow.cancel();
    this.flow = null;
    await this.face?.close();
    this.face = null;
  }

  /**
   * Face switched off (by staff on the screen, settings pushed by the hub, kioskctl, an edited
   * config.json): the attempt at the camera ends at once. The templates stay (deleting them is a
   * separate decision, offered on the staff screen); the log says so, for a switch-off made elsewhere.
   */
  private readonly onConfigChanged = (next: KioskConfig, previous: KioskConfig): void => {
    if (!previous.face.enabled || next.face.enabled) return;
    if (this.flow) {
      void this.cancelFlow();
      this.ctx.logger.info('face switched off: the face session in progress was cancelled');
    }
    try {
      const templates = this.openedServices()?.gallery.size ?? 0;
      if (templates > 0) {
        this.ctx.logger.warn(
          { templates },
          `face switched off: ${templates} face templates remain on this terminal (face.db) and are still purged after their retention; staff can delete them all: switching face off on the staff settings screen offers it (staff.face.deleteTemplates)`,
        );
      }
    } catch (err) {
      this.ctx.logger.error({ err }, 'face switched off: the face templates left on this terminal could not be counted');
    }
  };

  private services(): FaceServices {
    this.face ??= new FaceServices({
      dataDir: this.ctx.dataDir,
      keys: this.ctx.keyProvider,
      hallKeys: this.deps.hallKeys.keys,
      clock: () => this.ctx.clock.now(),
      hooks: {
        onBound: (event: FaceBoundEvent) => void this.enqueue('face.bound', { ...event }),
        onUnbound: (event: FaceUnboundEvent) => void (this.unboundQueued = this.enqueue('face.unbound', { ...event })),
        onDeleted: (subjects: string[]) => this.withdrawOutboxTemplates(subjects),
        onRecords: () => this.flushRecords(),
        terminalId: () => this.ctx.config.config.terminal.id,
        retentionDays: () => this.ctx.config.config.face.templateRetentionDays,
        pseudonymKey: () => ({ fingerprint: keyFingerprint(this.deps.hallKeys.keys), hallKey: this.deps.hallKeys.shared }),
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

  /** A binding deleted here: its template leaves the face.bound entries the hub has not taken (offline-queue/outbox.ts). */
  private withdrawOutboxTemplates(subjects: string[]): void {
    try {
      const withdrawn = this.deps.outbox?.withdrawFaceTemplates(subjects) ?? 0;
      if (withdrawn > 0) this.ctx.logger.info({ withdrawn }, 'face templates of deleted bindings taken out of unsent outbox entries');
    } catch (err) {
      this.ctx.logger.error({ err }, 'face templates of deleted bindings not taken out of the outbox');
    }
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

  /** The facts of the face notice in force, with their hash (the consent record names it). */
  private noticeFacts(): FaceNoticeFacts {
    const config = this.ctx.config.config;
    return withFactsHash({
      hallName: config.terminal.hallName,
      operator: config.privacy.operator,
      contact: config.privacy.contact,
      retentionDays: config.face.templateRetentionDays,
      sharedAcrossHall: this.sharingOffered(),
      holderCheck: this.holderCheckMethod() ?? 'none',
    });
  }

  /** How 人证核验 is made here: against the card's photo (a WLT decoder), by the hub, or not at all. */
  private holderCheckMethod(): 'card-photo' | 'hub' | null {
    return this.deps.cardPhotoDecoder ? 'card-photo' : this.deps.hubClient ? 'hub' : null;
  }

  /**
   * Why this card's citizen may not bind a face now, or null: under 14, or the face did not match
   * the card HOLDER_MISMATCH_LIMIT times (in this session, or for this card within a day: the
   * holder-check records in face.db, which a restart keeps).
   */
  private bindingRefusal(card: IdCardRecord, services: FaceServices | null): { refusal: 'under-14' | 'holder-mismatch'; text: LocalizedText; reason: string } | null {
    if (this.underAge(card)) return { refusal: 'under-14', text: CHILD_NOT_BOUND, reason: 'the card says its holder is under 14: no face is bound for a child here' };
    if (this.sessionHolderMismatches >= HOLDER_MISMATCH_LIMIT) {
      return { refusal: 'holder-mismatch', text: HOLDER_LOCKED, reason: `the face did not match the card ${this.sessionHolderMismatches} times in this session: no binding until the session ends` };
    }
    if (!services) return null;
    const subject = services.subjectIds.subjectFor(card.idNumber);
    const mismatches = services.store.records
      .ofSubject(subject)
      .filter((r) => r.event === 'holder-checked' && r.detail.result === 'no-match')
      .map((r) => r.at);
    const until = bindingLockedUntil(mismatches, this.ctx.clock.now());
    if (until === null) return null;
    return { refusal: 'holder-mismatch', text: HOLDER_LOCKED, reason: `the face did not match this card ${HOLDER_MISMATCH_LIMIT} times within a day: no binding for it until ${new Date(until).toISOString()}` };
  }

  /**
   * The processing record of one 人证核验 (how, and its outcome; no face data), written whatever
   * became of the session: a mismatch counts against the card even when the citizen left during
   * the check. Never throws: a record that cannot be written is logged.
   */
  private recordHolderCheck(services: FaceServices, subject: string, method: 'card-photo' | 'hub', result: HolderVerdict['check']): void {
    try {
      services.store.records.add({ event: 'holder-checked', subject, detail: { method, result }, at: this.ctx.clock.now(), terminalId: this.ctx.config.config.terminal.id });
      this.flushRecords();
    } catch (err) {
      this.ctx.logger.error({ err, result }, 'face binding: the holder check’s processing record was not written');
    }
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
    // Only where the hub will be asked: with a card photo decoder its references are not needed.
    const prepared = decoder ? undefined : prepareHolderCheck?.().catch((err: unknown) => this.ctx.logger.warn({ err }, 'reference faces for the hub check not prepared'));
    return async (template) => {
      let verdict: HolderVerdict;
      // Stricter than 1:1 verify: a binding opens the card's services to this face (holder-mismatches.ts).
      if (decoder) verdict = await checkAgainstCardPhoto({ decoder, pipeline: services.pipeline, policy: BINDING_HOLDER_POLICY }, wlt, template);
      else if (hubClient) {
        await waitAtMost(prepared, PREPARE_WAIT_MS);
        verdict = await checkWithHub(hubClient, subject, template);
      } else verdict = { check: 'unavailable', detail: 'no card photo decoder and no hub to check with' };
      wlt.fill(0);
      const method = decoder ? 'card-photo' : hubClient ? 'hub' : null;
      if (method) this.recordHolderCheck(services, subject, method, verdict.check);
      if (verdict.check === 'no-match' && !call.ended) this.sessionHolderMismatches++;
      if (call.ended) verdict = { check: 'unavailable', detail: 'the session ended during the check' };
      this.ctx.logger.info({ check: verdict.check, detail: verdict.detail }, 'face binding: holder check (人证核验)');
      return verdict;
    };
  }

  private requireEnabled(): FaceServices {
    if (!this.ctx.config.config.face.enabled) throw new RpcError('unavailable', 'face identification is switched off on this terminal');
    return this.services();
  }

  /** True when the entry was queued for the hall. */
  private enqueue(kind: 'face.bound' | 'face.unbound', payload: Record<string, unknown>): boolean {
    try {
      if (!this.deps.outbox) return false;
      this.deps.outbox.enqueue(kind, payload);
      return true;
    } catch (err) {
      this.ctx.logger.error({ err, kind }, 'face binding change not queued for the hall');
      return false;
    }
  }

  private finish(current: { flow: FaceFlow; mode: 'identify' | 'bind' }, result: FaceFlowView['result']): void {
    this.ctx.logger.info({ mode: current.mode, result: result?.kind ?? 'failed', ...(result?.kind === 'failed' ? { reason: result.reason } : {}) }, 'face session ended');
    // Liveness passed, but a face that is not the card holder's must not start the session's count
    // of failed attempts again: it counts as one (on the terminal, only liveness failures count).
    if (result?.kind === 'failed' && result.reason === 'holder-mismatch') this.livenessAttempts.record('failed');
    else this.recordAttempt(current.flow.livenessAttempt);
    if (current.mode === 'identify' && current.flow.outcome.subject) {
      this.faceSubject = current.flow.outcome.subject;
      this.ctx.events.publish('identity.changed', { kind: 'face-identified' });
    }
    this.flow = null;
  }

  /** Ends the attempt in progress: a holder check or frame it still awaits binds and identifies nothing. */
  private async cancelFlow(): Promise<void> {
    if (this.flow) {
      this.flow.flow.cancel();
      this.recordAttempt(this.flow.flow.livenessAttempt);
    }
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
    if (this.flow) {
      this.flow.flow.cancel();
      this.terminalGuard.record(this.flow.flow.livenessAttempt);
    }
    this.flow = null;
    this.livenessAttempts.reset();
    this.sessionHolderMismatches = 0;
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
    // Not while bindings under another key are held (pseudonymKeyProblem): the hall's are taken in once that is resolved.
    const acceptPuts = this.ctx.config.config.face.enabled && services.gallery.pseudonymKeyProblem() === null;
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
          services.gallery.noteHallSynced();
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
