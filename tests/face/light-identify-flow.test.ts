import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { LightIdentifyFlow, type LightFrameAnalyzer } from '../../main/face/light-identify-flow';
import type { FaceFlowView } from '../../main/face/face-flow';
import { FaceGallery } from '../../main/face/gallery/face-gallery';
import { GalleryStore } from '../../main/face/gallery/gallery-store';
import { SealedHallTemplateCodec } from '../../main/face/gallery/hall-template-codec';
import { StaticKeyProvider } from '../../base/key-provider';
import { DEFAULT_IDENTIFY_POLICY, VERIFY_THRESHOLD } from '../../common/face/decision-policy';
import { l2Normalize } from '../../common/face/matching';
import { seededRandom } from '../../base/prng';
import type { FaceObservation, FrameInput } from '../../main/face/engine/protocol';
import type { LightPatches, Rgb } from '../../main/face/image/light-patches';
import type { FrameOutcome } from '../../main/face/pipeline';
import type { LightColour } from '../../main/face/screen-light';
import { FACE_LIGHT_GAIN, facingAt, HALL_LIGHT_GAIN, litColour } from '../../testing/camera/screen-light-model';
import { MEAN_FACE } from './landmark-motion';

const SKIN: Rgb = [182, 138, 118];
const HALL: Rgb = [96, 98, 104];

/** What stands in front of the scripted camera now. */
interface Scene {
  /** The face's offset from where it was positioned, in pixels. */
  shift: number;
  /** The descriptor the detectors find (the person there). */
  person: Float32Array;
}

/**
 * Stands in for the worker: one face at the mean landmarks, lit by the colour the flow last told
 * the screen (no camera delay), with the scene's descriptor on template frames and glances.
 */
class LitAnalyzer implements LightFrameAnalyzer {
  screen: LightColour | null = null;
  readonly calls: string[] = [];
  constructor(readonly scene: Scene) {}
  private light(): LightPatches {
    const g = FACE_LIGHT_GAIN;
    return {
      face: litColour(SKIN, this.screen, g * 0.85),
      surround: litColour(HALL, this.screen, HALL_LIGHT_GAIN),
      shape: { centre: litColour(SKIN, this.screen, g * facingAt(0.15)), sides: litColour(SKIN, this.screen, g * facingAt(0.7)) },
    };
  }
  private outcome(descriptor: boolean): FrameOutcome {
    const xs = MEAN_FACE.map((p) => p[0] + this.scene.shift);
    const ys = MEAN_FACE.map((p) => p[1]);
    const face: FaceObservation = {
      box: { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) },
      score: 0.99,
      landmarks: MEAN_FACE.map((p) => [p[0] + this.scene.shift, p[1]] as const),
      descriptor: descriptor ? Float32Array.from(this.scene.person) : null,
      brightness: 140,
      sharpness: 800,
      eyeContrast: null,
      eyeLevel: null,
      cheekLuma: null,
      light: this.light(),
    };
    const frame = {
      width: 640,
      height: 480,
      faces: [face],
      lightAt: this.light(),
      timings: { decodeMs: 0, prepareMs: 0, inferMs: 0, statsMs: 0 },
      backend: 'wasm' as const,
    };
    return { ok: true, face, frame };
  }
  track(_frame: FrameInput): Promise<FrameOutcome> {
    this.calls.push('track');
    return Promise.resolve(this.outcome(false));
  }
  capture(_frame: FrameInput): Promise<FrameOutcome> {
    this.calls.push('capture');
    return Promise.resolve(this.outcome(true));
  }
  glance(_frame: FrameInput): Promise<FrameOutcome> {
    this.calls.push('glance');
    return Promise.resolve(this.outcome(true));
  }
}

const FRAME: FrameInput = { kind: 'encoded', bytes: new Uint8Array([0xff, 0xd8]) };

function unit(rng: () => number): Float32Array {
  return l2Normalize(Float32Array.from({ length: 128 }, () => rng() - 0.5));
}

describe('identification by the screen’s light: the flow around the check', () => {
  let dir: string;
  let store: GalleryStore;
  let gallery: FaceGallery;
  let now = 0;
  const rng = seededRandom(7);
  const citizen = unit(rng);
  const stranger = unit(rng);

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'light-flow-'));
    store = new GalleryStore(path.join(dir, 'face.db'), new StaticKeyProvider(randomBytes(32)));
    gallery = new FaceGallery({ store, hallCodec: new SealedHallTemplateCodec(new StaticKeyProvider(randomBytes(32))), clock: () => now });
    gallery.bind({ subject: 'fs1_citizen', template: Float32Array.from(citizen), storeConsent: { textVersion: 's1' }, shareConsent: null });
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Frames every 100 ms until the flow ends; `during(view, frame)` may change the scene. */
  async function run(analyzer: LitAnalyzer, during: (view: FaceFlowView | null, flow: LightIdentifyFlow) => void = () => undefined) {
    const flow = new LightIdentifyFlow({
      analyzer,
      gallery,
      identifyPolicy: DEFAULT_IDENTIFY_POLICY,
      consistencyThreshold: VERIFY_THRESHOLD,
      clock: () => now,
      rng: seededRandom(11),
    });
    let view: FaceFlowView | null = null;
    for (let frame = 0; frame < 200 && !flow.finished; frame++) {
      during(view, flow);
      now += 100;
      view = await flow.submitFrame(FRAME);
      analyzer.screen = view.light?.colour ?? null;
    }
    return { flow, view: view! };
  }

  it('identifies the citizen: the template frame before the colours, tracking frames during them, a glance after', async () => {
    const analyzer = new LitAnalyzer({ shift: 0, person: citizen });
    const { flow, view } = await run(analyzer);
    expect(view.result).toEqual({ kind: 'identified' });
    expect(flow.outcome.subject).toBe('fs1_citizen');
    expect(flow.livenessAttempt).toBe('passed');
    expect(analyzer.calls[0]).toBe('track');
    expect(analyzer.calls[1]).toBe('capture');
    expect(analyzer.calls.filter((c) => c === 'capture')).toHaveLength(1);
    expect(analyzer.calls.at(-1)).toBe('glance');
  });

  it('refuses a face swapped in during the colours: the glance is not the template’s person, and nobody is identified', async () => {
    const analyzer = new LitAnalyzer({ shift: 0, person: citizen });
    const { flow, view } = await run(analyzer, (v) => {
      if (v?.light) analyzer.scene.person = stranger;
    });
    expect(view.result).toMatchObject({ kind: 'failed', reason: 'inconsistent-face', fallback: 'id-card' });
    expect(flow.outcome.subject).toBeNull();
  });

  it('fails as face-lost when the face drifts from where it was positioned: its light is no longer measured there', async () => {
    const analyzer = new LitAnalyzer({ shift: 0, person: citizen });
    const width = Math.max(...MEAN_FACE.map((p) => p[0])) - Math.min(...MEAN_FACE.map((p) => p[0]));
    const { view } = await run(analyzer, (v) => {
      if (v?.light) analyzer.scene.shift = 0.2 * width;
    });
    expect(view.result).toMatchObject({ kind: 'failed', reason: 'face-lost' });
  });

  it('identifies nobody once cancelled, even with the check passed', async () => {
    const analyzer = new LitAnalyzer({ shift: 0, person: citizen });
    const { flow, view } = await run(analyzer, (v, attempt) => {
      if (v?.step === 'capture') attempt.cancel();
    });
    expect(view.result).toMatchObject({ kind: 'failed', reason: 'cancelled' });
    expect(flow.outcome.subject).toBeNull();
  });
});
