import { randomUUID } from 'node:crypto';
import { RpcError } from '../../../common/rpc/errors';
import type { RpcMethod, RpcOutput } from '../../../common/rpc/contract';
import { NOTICE_CHANGED_PATH, type FaceNoticeFacts } from '../../../common/rpc/contract';
import type { KioskConfig } from '../../../common/config/schema';
import type { Outbox } from '../../../offline-queue/outbox';
import type { HubClient } from '../../../offline-queue/hub-client';
import type { PhotoDecoder } from '../../../devices/id-card/card-parser';
import type { KeyProvider } from '../../../base/key-provider';
import type { Clock } from '../../../base/clock';
import type { CoreService } from '../../../base/lifecycle';
import type { ConfigStore } from '../../config/config-store';
import type { Logger } from '../../logging/logger';
import type { HallKeys } from '../../security/hall-keys';
import { assertFrameWithin, CAMERA_FRAME_LIMIT } from '../../face/image/image-size-limit';
import type { FaceFlow, FaceFlowView, LivenessAttempt } from '../../face/face-flow';
import { LivenessAttempts, TerminalLivenessGuard } from '../../face/liveness-attempts';
import { FACE_PAUSED, FACE_USE_OVER } from '../../face/messages';
import type { FaceGallery } from '../../face/gallery/face-gallery';
import { describePhotoFile } from '../../face/photo-file';
import type { RpcHandler } from '../rpc/router';
import type { EventBus } from '../rpc/event-bus';
import type { StaffAuth } from '../staff/staff-auth';
import type { IdCardService } from '../devices/id-card-service';
import { CallSession } from '../session/call-session';
import type { SessionService } from '../session/session-service';
import { consentTextId, withFactsHash } from './face-notice-facts';
import { FaceServicesAccess } from './face-services-access';
import { FaceGalleryUpkeep, type GallerySyncResult } from './face-gallery-upkeep';
import { FaceBinding } from './face-binding';

export type { GallerySyncResult } from './face-gallery-upkeep';

type Input<M extends RpcMethod> = Parameters<RpcHandler<M>>[0];

const WARM_UP_DELAY_MS = 5000;

export interface FaceServiceDeps {
  logger: Logger;
  clock: Clock;
  dataDir: string;
  /** The terminal's data key (templates at rest). */
  keyProvider: KeyProvider;
  config: ConfigStore;
  session: Pick<SessionService, 'sessionId' | 'onReset'>;
  events: Pick<EventBus, 'publish'>;
  staffAuth: Pick<StaffAuth, 'authorize'>;
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
 * one camera session at a time; the identified subject stays here. Binding rules and deletion are
 * FaceBinding's; the hall's gallery, the outbox and retention are FaceGalleryUpkeep's.
 */
export class FaceService implements CoreService {
  readonly name = 'face';
  private readonly faces: FaceServicesAccess;
  private readonly upkeep: FaceGalleryUpkeep;
  private readonly binding: FaceBinding;
  private flow: { id: string; flow: FaceFlow; mode: 'identify' | 'bind' } | null = null;
  private faceSubject: string | null = null;
  /** Failed liveness checks in a row this session: after three, face.start is refused until the session is reset. */
  private readonly livenessAttempts = new LivenessAttempts();
  private readonly terminalGuard: TerminalLivenessGuard;
  private warmUp: NodeJS.Timeout | null = null;

  constructor(private readonly deps: FaceServiceDeps) {
    this.upkeep = new FaceGalleryUpkeep(deps);
    this.faces = new FaceServicesAccess(deps, this.upkeep);
    this.upkeep.attach(this.faces);
    this.binding = new FaceBinding({ ...deps, upkeep: this.upkeep });
    this.terminalGuard = new TerminalLivenessGuard(() => deps.clock.now());
    deps.session.onReset(() => this.forgetSession());
    deps.idCard.onCardOfAnotherCitizen((record) => this.faceSubject !== null && this.faces.current?.subjectIds.subjectFor(record.idNumber) !== this.faceSubject);
  }

  status(): RpcOutput<'face.status'> {
    const config = this.deps.config.config.face;
    const card = this.deps.idCard.currentIdentity;
    // With face off, a citizen can still learn that a face is bound here, and delete it.
    const services = card ? this.faces.opened() : null;
    const refusal = card ? this.binding.refusal(card, services) : null;
    return {
      enabled: config.enabled,
      sharingOffered: this.sharingOffered(),
      identity: card ? 'card' : this.faceSubject ? 'face' : 'none',
      bound: card && services ? this.binding.subjectsOfCard(card.idNumber, services).some((s) => services.gallery.has(s)) : null,
      // Offered wherever a face of this citizen may be held: here (face on, or a face.db left), or elsewhere in the hall.
      deletionOffered: card !== null && (config.enabled || services !== null || this.deps.hallKeys.shared),
      problem: card ? (services?.gallery.pseudonymKeyProblem() ?? null) : null,
      binding: card ? { allowed: refusal === null, refusal: refusal?.refusal ?? null, text: refusal?.text ?? null } : null,
    };
  }

  /** The facts of the face notice in force, with their hash (the consent record names it). */
  notice(): FaceNoticeFacts {
    const config = this.deps.config.config;
    return withFactsHash({
      hallName: config.terminal.hallName,
      operator: config.privacy.operator,
      contact: config.privacy.contact,
      retentionDays: config.face.templateRetentionDays,
      sharedAcrossHall: this.sharingOffered(),
      holderCheck: this.binding.holderCheckMethod() ?? 'none',
    });
  }

  async startCamera(input: Input<'face.start'>): Promise<RpcOutput<'face.start'>> {
    const services = this.faces.requireEnabled();
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
    if (input.notice && input.notice.factsHash !== this.notice().factsHash) {
      throw new RpcError('conflict', 'the face notice changed since it was shown: show it again before the camera opens', {
        issues: [{ path: NOTICE_CHANGED_PATH, message: 'does not match the facts of the notice in force' }],
      });
    }
    if (input.mode === 'bind') {
      const card = this.deps.idCard.currentIdentity;
      if (!card) throw new RpcError('not-ready', 'binding a face needs the ID card read first');
      const refusal = this.binding.refusal(card, services);
      if (refusal) throw new RpcError('forbidden', refusal.reason, { citizenMessage: refusal.text });
      // Shared only where sharing can work: no share consent is taken without the hall key.
      const shareConsent = this.sharingOffered() && input.shareConsent ? { textVersion: consentTextId(input.shareConsent.textVersion, input.notice) } : null;
      // The consent record says which notice was accepted: wording, language and facts.
      const storeConsent = { textVersion: consentTextId(input.storeConsent.textVersion, input.notice) };
      const subject = services.subjectIds.subjectFor(card.idNumber);
      const holder = this.binding.holderVerification(services, subject, card);
      this.flow = { id: randomUUID(), mode: 'bind', flow: services.startFlow({ kind: 'bind', subject, storeConsent, shareConsent, holder }) };
    } else {
      this.flow = { id: randomUUID(), mode: 'identify', flow: services.startFlow({ kind: 'identify' }) };
    }
    this.deps.logger.info({ mode: input.mode }, 'face session started');
    return { sessionId: this.flow.id };
  }

  async submitFrame({ sessionId, jpegBase64 }: Input<'face.frame'>): Promise<RpcOutput<'face.frame'>> {
    // Staff may switch face off while a citizen is at the camera: no frame is looked at after that.
    if (!this.deps.config.config.face.enabled) {
      await this.cancelFlow();
      throw new RpcError('unavailable', 'face identification is switched off on this terminal');
    }
    const current = this.flow;
    if (!current || current.id !== sessionId) throw new RpcError('conflict', 'this face session has ended');
    const call = new CallSession(this.deps.session, 'face.frame');
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
  }

  async cancelCamera({ sessionId }: Input<'face.cancel'>): Promise<RpcOutput<'face.cancel'>> {
    if (this.flow?.id === sessionId) await this.cancelFlow();
    return {};
  }

  /**
   * Deleting works with face switched off too: a citizen's withdrawal never depends on the setting.
   * Offered at every terminal, not only one holding the face: the hall is always told (the hub's deletion is idempotent).
   */
  unbind(): RpcOutput<'face.unbind'> {
    const card = this.deps.idCard.currentIdentity;
    if (!card) throw new RpcError('not-ready', 'deleting a face binding needs the citizen’s ID card');
    return this.binding.unbind(card, this.faces.opened());
  }

  deleteAllTemplates({ token }: Input<'staff.face.deleteTemplates'>): RpcOutput<'staff.face.deleteTemplates'> {
    this.deps.staffAuth.authorize(token);
    const removed = this.faces.opened()?.gallery.deleteAll() ?? 0;
    this.deps.logger.info({ removed }, 'every face template on this terminal deleted by staff');
    return { removed };
  }

  async analyzeFrame({ token, jpegBase64 }: Input<'tech.camera.analyze'>): Promise<RpcOutput<'tech.camera.analyze'>> {
    this.deps.staffAuth.authorize(token);
    const services = this.faces.requireEnabled();
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
  }

  /** The subject identified by face in this session, for the core's other services (tickets, results). */
  get identifiedSubject(): string | null {
    return this.faceSubject;
  }

  /** The pseudonymous subject id of an ID number (the hall key's when in force), for the embedded hub's sample references. */
  subjectFor(idNumber: string): string {
    return this.faces.services().subjectIds.subjectFor(idNumber);
  }

  /** The descriptor of the one face in a photo file, by this terminal's engine; throws naming the file otherwise. */
  async photoDescriptor(file: string): Promise<Float32Array> {
    const described = await describePhotoFile(this.faces.services().pipeline, file);
    if (!described.descriptor) throw new Error(described.problem ?? `${file}: no usable face`);
    return described.descriptor;
  }

  /** The gallery (face.db) when there is one to use: face switched on, or a face.db left from when it was. */
  gallery(): FaceGallery | null {
    return this.faces.opened()?.gallery ?? null;
  }

  /** The hub's purge-subject command; runs with face switched off too (the gallery is opened for it). */
  purgeSubject(subject: string): void {
    this.upkeep.purgeSubject(subject);
  }

  /** The retention purges (FaceGalleryUpkeep.purgeExpired): daily, and with face switched off too. */
  purgeExpired(): { templates: number; records: number } {
    return this.upkeep.purgeExpired();
  }

  /** Pulls the hall's gallery changes now (FaceGalleryUpkeep.syncGallery). */
  syncGallery(): Promise<GallerySyncResult> {
    return this.upkeep.syncGallery();
  }

  async start(): Promise<void> {
    const { config, logger } = this.deps;
    if (config.config.face.enabled) {
      const services = this.faces.services();
      // Load the models shortly after start (not during it), so the first citizen does not wait.
      this.warmUp = setTimeout(() => {
        void services.engine.start().then(
          (info) => logger.info({ backend: info.backend }, 'face engine ready'),
          (err: unknown) => logger.error({ err }, 'face engine failed to start'),
        );
      }, WARM_UP_DELAY_MS);
      this.warmUp.unref();
    }
    config.on('changed', this.onConfigChanged);
    const keyProblem = this.faces.opened()?.gallery.pseudonymKeyProblem();
    if (keyProblem) logger.error({ hallKeyShared: this.deps.hallKeys.shared }, keyProblem);
    // Retention, records and the hall's deletions keep running with face switched off.
    this.upkeep.start();
  }

  async stop(): Promise<void> {
    this.upkeep.stop();
    this.deps.config.off('changed', this.onConfigChanged);
    if (this.warmUp) clearTimeout(this.warmUp);
    this.warmUp = null;
    this.flow?.flow.cancel();
    this.flow = null;
    await this.faces.close();
  }

  /**
   * Face switched off (by staff on the screen, settings pushed by the hub, kioskctl, an edited
   * config.json): the attempt at the camera ends at once. The templates stay (deleting them is a
   * separate decision, offered on the staff screen); the log says so, for a switch-off made elsewhere.
   */
  private readonly onConfigChanged = (next: KioskConfig, previous: KioskConfig): void => {
    if (!previous.face.enabled || next.face.enabled) return;
    const { logger } = this.deps;
    if (this.flow) {
      void this.cancelFlow();
      logger.info('face switched off: the face session in progress was cancelled');
    }
    try {
      const templates = this.faces.opened()?.gallery.size ?? 0;
      if (templates > 0) {
        logger.warn(
          { templates },
          `face switched off: ${templates} face templates remain on this terminal (face.db) and are still purged after their retention; staff can delete them all: switching face off on the staff settings screen offers it (staff.face.deleteTemplates)`,
        );
      }
    } catch (err) {
      logger.error({ err }, 'face switched off: the face templates left on this terminal could not be counted');
    }
  };

  /** Sharing is offered, and can work: the hall key is in force (otherwise a binding stays on this terminal). */
  private sharingOffered(): boolean {
    return this.deps.config.config.face.sharingOffered && this.deps.hallKeys.shared;
  }

  private finish(current: { flow: FaceFlow; mode: 'identify' | 'bind' }, result: FaceFlowView['result']): void {
    this.deps.logger.info({ mode: current.mode, result: result?.kind ?? 'failed', ...(result?.kind === 'failed' ? { reason: result.reason } : {}) }, 'face session ended');
    // Liveness passed, but a face that is not the card holder's must not start the session's count
    // of failed attempts again: it counts as one (on the terminal, only liveness failures count).
    if (result?.kind === 'failed' && result.reason === 'holder-mismatch') this.livenessAttempts.record('failed');
    else this.recordAttempt(current.flow.livenessAttempt);
    if (current.mode === 'identify' && current.flow.outcome.subject) {
      this.faceSubject = current.flow.outcome.subject;
      this.deps.events.publish('identity.changed', { kind: 'face-identified' });
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
      this.deps.logger.warn({ pausedUntil: new Date(this.terminalGuard.pausedUntilTime()!).toISOString() }, 'face use paused on this terminal after repeated failed liveness checks');
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
    this.binding.forgetSession();
    this.faceSubject = null;
  }
}
