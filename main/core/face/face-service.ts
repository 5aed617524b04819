import { randomUUID } from 'node:crypto';
import { RpcError } from '../../../common/rpc/errors';
import type { Outbox } from '../../../offline-queue/outbox';
import type { HubClient } from '../../../offline-queue/hub-client';
import { FaceServices } from '../../face/face-services';
import { assertFrameWithin, CAMERA_FRAME_LIMIT } from '../../face/image/image-size-limit';
import type { FaceFlow } from '../../face/face-flow';
import type { FaceBoundEvent, FaceUnboundEvent } from '../../face/gallery/face-gallery';
import { hallKeyProvider } from '../../security/key-provider';
import type { KioskCoreContext } from '../create-kiosk-core';
import type { CoreService } from '../lifecycle';
import type { IdCardService } from '../devices/id-card-service';

const DAY_MS = 24 * 3600_000;
const GALLERY_PULL_MS = 60_000;
const WARM_UP_DELAY_MS = 5000;

export interface FaceServiceDeps {
  idCard: IdCardService;
  outbox?: Pick<Outbox, 'enqueue'>;
  hubClient?: Pick<HubClient, 'get'>;
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
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly ctx: KioskCoreContext,
    private readonly deps: FaceServiceDeps,
  ) {
    ctx.session.onReset(() => this.forgetSession());
    const { router } = ctx;

    router.handle('face.status', () => {
      const config = ctx.config.config.face;
      const card = deps.idCard.currentIdentity;
      const services = config.enabled ? this.services() : null;
      return {
        enabled: config.enabled,
        sharingOffered: config.sharingOffered,
        identity: card ? 'card' : this.faceSubject ? 'face' : 'none',
        bound: card && services ? services.gallery.has(services.subjectIds.subjectFor(card.idNumber)) : null,
      };
    });

    router.handle('face.start', async (input) => {
      const services = this.requireEnabled();
      await this.cancelFlow();
      if (input.mode === 'bind') {
        const card = deps.idCard.currentIdentity;
        if (!card) throw new RpcError('not-ready', 'binding a face needs the ID card read first');
        const shareConsent = ctx.config.config.face.sharingOffered ? input.shareConsent : null;
        const subject = services.subjectIds.subjectFor(card.idNumber);
        this.flow = { id: randomUUID(), mode: 'bind', flow: services.startFlow({ kind: 'bind', subject, storeConsent: input.storeConsent, shareConsent }) };
      } else {
        this.flow = { id: randomUUID(), mode: 'identify', flow: services.startFlow({ kind: 'identify' }) };
      }
      ctx.logger.info({ mode: input.mode }, 'face session started');
      return { sessionId: this.flow.id };
    });

    router.handle('face.frame', async ({ sessionId, jpegBase64 }) => {
      const current = this.flow;
      if (!current || current.id !== sessionId) throw new RpcError('conflict', 'this face session has ended');
      const view = await current.flow.submitFrame(frameOf(jpegBase64)).catch((err: Error) => {
        throw new RpcError('invalid-input', `camera frame not usable: ${err.message}`);
      });
      if (current.flow.finished) this.finish(current, view.result?.kind ?? 'failed');
      return view;
    });

    router.handle('face.cancel', async ({ sessionId }) => {
      if (this.flow?.id === sessionId) await this.cancelFlow();
      return {};
    });

    router.handle('face.unbind', () => {
      const services = this.requireEnabled();
      const card = deps.idCard.currentIdentity;
      if (!card) throw new RpcError('not-ready', 'deleting a face binding needs the citizen’s ID card');
      const removed = services.gallery.unbind(services.subjectIds.subjectFor(card.idNumber));
      ctx.logger.info({ removed }, 'face binding deleted by the citizen');
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

  /** The hub's purge-subject command. */
  purgeSubject(subject: string): void {
    this.face?.gallery.handlePurgeSubject({ subject });
  }

  async start(): Promise<void> {
    if (!this.ctx.config.config.face.enabled) return;
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
    const purge = () => {
      const removed = services.gallery.purgeExpired(this.ctx.config.config.face.templateRetentionDays);
      if (removed > 0) this.ctx.logger.info({ removed }, 'face templates unused past their retention purged');
    };
    purge();
    this.timers.push(setInterval(purge, DAY_MS));
    if (this.deps.hubClient) {
      void this.pullGallery();
      this.timers.push(setInterval(() => void this.pullGallery(), GALLERY_PULL_MS));
    }
    for (const t of this.timers) t.unref();
  }

  async stop(): Promise<void> {
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
      hallKeys: hallKeyProvider(this.ctx.dataDir, this.ctx.keyProvider),
      hooks: {
        onBound: (event: FaceBoundEvent) => this.enqueue('face.bound', { ...event }),
        onUnbound: (event: FaceUnboundEvent) => this.enqueue('face.unbound', { ...event }),
      },
    });
    return this.face;
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
    if (current.mode === 'identify' && current.flow.outcome.subject) {
      this.faceSubject = current.flow.outcome.subject;
      this.ctx.events.publish('identity.changed', { kind: 'face-identified' });
    }
    this.flow = null;
  }

  private async cancelFlow(): Promise<void> {
    this.flow = null;
  }

  private forgetSession(): void {
    this.flow = null;
    this.faceSubject = null;
  }

  private async pullGallery(): Promise<void> {
    const services = this.face;
    const client = this.deps.hubClient;
    if (!services || !client) return;
    const cursor = services.gallery.galleryCursor();
    const r = await client.get(`v1/gallery${cursor ? `?since=${encodeURIComponent(cursor)}` : ''}`);
    if (r.kind !== 'ok') return;
    try {
      const applied = services.gallery.applyRemoteChanges(r.body as { cursor: string; changes: unknown[] });
      if (applied.applied || applied.rejected) this.ctx.logger.info(applied, 'hall face bindings applied');
    } catch (err) {
      this.ctx.logger.warn({ err }, 'hall face bindings refused');
    }
  }
}
