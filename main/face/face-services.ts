import { randomInt } from 'node:crypto';
import path from 'node:path';
import type { KeyProvider } from '../../base/key-provider';
import { FaceEngineClient, type FaceEngineClientOptions } from './engine/face-engine-client';
import { FacePipeline } from './pipeline';
import { FaceFlow, type FaceAttempt, type FaceFlowDeps, type FaceFlowMode } from './face-flow';
import { LightIdentifyFlow } from './light-identify-flow';
import { FaceGallery, type GalleryHooks } from './gallery/face-gallery';
import { FACE_DB_FILE, GalleryStore } from './gallery/gallery-store';
import { SealedHallTemplateCodec } from './gallery/hall-template-codec';
import { SubjectIdDeriver } from './gallery/subject-id';
import { DEFAULT_IDENTIFY_POLICY, VERIFY_THRESHOLD } from '../../common/face/decision-policy';

export interface FaceServicesOptions {
  /** The terminal's data directory: face.db goes there. */
  dataDir: string;
  /** The terminal's data key (templates at rest). */
  keys: KeyProvider;
  /** The hall's shared key (subject ids, templates travelling through the hub). */
  hallKeys: KeyProvider;
  hooks?: GalleryHooks;
  clock?: () => number;
  rng?: () => number;
  engine?: FaceEngineClientOptions;
}

/** Cryptographic randomness for the order of liveness challenges (not guessable in advance). */
export function secureRandom(): number {
  return randomInt(0, 2 ** 32) / 2 ** 32;
}

/**
 * The face side of the kiosk core, wired: the worker client (started on first use), the
 * pipeline, the gallery in `<dataDir>/face.db`, subject ids, and a factory of capture sessions.
 */
export class FaceServices {
  readonly engine: FaceEngineClient;
  readonly pipeline: FacePipeline;
  readonly store: GalleryStore;
  readonly gallery: FaceGallery;
  readonly subjectIds: SubjectIdDeriver;
  private readonly clock: () => number;
  private readonly rng: () => number;

  constructor(options: FaceServicesOptions) {
    this.clock = options.clock ?? Date.now;
    this.rng = options.rng ?? secureRandom;
    this.engine = new FaceEngineClient(options.engine);
    this.pipeline = new FacePipeline(this.engine);
    this.store = new GalleryStore(path.join(options.dataDir, FACE_DB_FILE), options.keys);
    this.gallery = new FaceGallery({ store: this.store, hallCodec: new SealedHallTemplateCodec(options.hallKeys), clock: this.clock, hooks: options.hooks });
    // Hall-wide pseudonyms: the same citizen gets the same subject id on every terminal of the hall.
    this.subjectIds = new SubjectIdDeriver(options.hallKeys);
  }

  /** A camera attempt: identification by the screen's light unless movements are asked for; binding always by movements. */
  startFlow(mode: FaceFlowMode): FaceAttempt {
    const deps: FaceFlowDeps = {
      analyzer: this.pipeline,
      gallery: this.gallery,
      identifyPolicy: DEFAULT_IDENTIFY_POLICY,
      consistencyThreshold: VERIFY_THRESHOLD,
      clock: this.clock,
      rng: this.rng,
    };
    if (mode.kind === 'identify' && (mode.liveness ?? 'screen-light') === 'screen-light') return new LightIdentifyFlow({ ...deps, analyzer: this.pipeline });
    return new FaceFlow(deps, mode);
  }

  async close(): Promise<void> {
    await this.engine.close();
    this.store.close();
  }
}
