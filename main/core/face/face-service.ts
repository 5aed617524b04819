import { RpcError } from '../../../common/rpc/errors';
import type { FaceNoticeFacts, RpcOutput } from '../../../common/rpc/contract';
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
import type { FaceGallery } from '../../face/gallery/face-gallery';
import { describePhotoFile } from '../../face/photo-file';
import type { ParsedInput } from '../rpc/parsed-input';
import type { EventBus } from '../rpc/event-bus';
import type { StaffAuth } from '../staff/staff-auth';
import type { IdCardService } from '../devices/id-card-service';
import type { SessionService } from '../session/session-service';
import { withFactsHash } from './face-notice-facts';
import { FaceServicesAccess } from './face-services-access';
import { FaceGalleryUpkeep, type GallerySyncResult } from './face-gallery-upkeep';
import { FaceBinding } from './face-binding';
import { FaceCamera } from './face-camera';
import { frameOf } from './camera-frame';

export type { GallerySyncResult } from './face-gallery-upkeep';

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

/**
 * 刷脸办事 in the core: binding (after an ID card read, with the two consents) and identification,
 * one camera session at a time (FaceCamera, which keeps the identified subject). Binding rules and
 * deletion are FaceBinding's; the hall's gallery, the outbox and retention FaceGalleryUpkeep's.
 */
export class FaceService implements CoreService {
  readonly name = 'face';
  private readonly faces: FaceServicesAccess;
  private readonly upkeep: FaceGalleryUpkeep;
  private readonly binding: FaceBinding;
  private readonly camera: FaceCamera;
  private warmUp: NodeJS.Timeout | null = null;

  constructor(private readonly deps: FaceServiceDeps) {
    this.upkeep = new FaceGalleryUpkeep(deps);
    this.faces = new FaceServicesAccess(deps, this.upkeep);
    this.upkeep.attach(this.faces);
    this.binding = new FaceBinding({ ...deps, upkeep: this.upkeep });
    this.camera = new FaceCamera({
      ...deps,
      faces: this.faces,
      binding: this.binding,
      noticeFactsHash: () => this.notice().factsHash,
      sharingOffered: () => this.sharingOffered(),
    });
    deps.session.onReset(() => {
      this.camera.forgetSession();
      this.binding.forgetSession();
    });
    deps.idCard.onCardOfAnotherCitizen(
      (record) => this.camera.identifiedSubject !== null && this.faces.current?.subjectIds.subjectFor(record.idNumber) !== this.camera.identifiedSubject,
    );
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
      identity: card ? 'card' : this.camera.identifiedSubject ? 'face' : 'none',
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

  startCamera(input: ParsedInput<'face.start'>): Promise<RpcOutput<'face.start'>> {
    return this.camera.start(input);
  }

  submitFrame(input: ParsedInput<'face.frame'>): Promise<RpcOutput<'face.frame'>> {
    return this.camera.frame(input);
  }

  cancelCamera(input: ParsedInput<'face.cancel'>): Promise<RpcOutput<'face.cancel'>> {
    return this.camera.cancel(input);
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

  deleteAllTemplates({ token }: ParsedInput<'staff.face.deleteTemplates'>): RpcOutput<'staff.face.deleteTemplates'> {
    this.deps.staffAuth.authorize(token);
    const removed = this.faces.opened()?.gallery.deleteAll() ?? 0;
    this.deps.logger.info({ removed }, 'every face template on this terminal deleted by staff');
    return { removed };
  }

  async analyzeFrame({ token, jpegBase64 }: ParsedInput<'tech.camera.analyze'>): Promise<RpcOutput<'tech.camera.analyze'>> {
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
    return this.camera.identifiedSubject;
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
    this.camera.close();
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
    if (this.camera.endForSwitchOff()) logger.info('face switched off: the face session in progress was cancelled');
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
}
