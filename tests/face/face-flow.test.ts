// Over 300 lines: the face flow's behaviours on one real engine worker, sharing its set-up.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { FaceFlow, type FaceFlowView, type FrameAnalyzer } from '../../main/face/face-flow';
import { FaceGallery } from '../../main/face/gallery/face-gallery';
import { GalleryStore } from '../../main/face/gallery/gallery-store';
import { SealedHallTemplateCodec } from '../../main/face/gallery/hall-template-codec';
import { StaticKeyProvider } from '../../base/key-provider';
import { DEFAULT_IDENTIFY_POLICY, VERIFY_THRESHOLD } from '../../common/face/decision-policy';
import { assessQuality } from '../../main/face/quality';
import { QUALITY_MESSAGES } from '../../main/face/messages';
import { l2Normalize } from '../../common/face/matching';
import { LivenessCheck } from '../../main/face/liveness';
import type { FaceObservation, FrameInput, Point } from '../../main/face/engine/protocol';
import type { FrameOutcome } from '../../main/face/pipeline';
import type { LivenessChallenge } from '../../main/face/messages';
import { MEAN_FACE, closeEyes, jitter, movePicture, openMouth, turnHead } from './landmark-motion';
import { seededRandom } from '../../base/prng';

// The analyzer stands in for the worker: it returns scripted faces (landmarks and descriptors)
// for each frame and gates them with the real quality gates. A tracking frame has no descriptor; a
// template frame (capture) has the scripted one, or `person`'s when the script gives none.
class ScriptedAnalyzer implements FrameAnalyzer {
  readonly script: Array<FaceObservation[]> = [];
  /** Which of the two the flow asked for, frame by frame. */
  readonly calls: Array<'track' | 'capture'> = [];
  person: Float32Array | null = null;
  /** Frames of the script whose face the fast detector misses (a face half turned away). */
  readonly hiddenFromFast = new WeakSet<FaceObservation[]>();
  /** The frame last analysed and what it showed: analysed again (the accurate detector after the fast one), it shows the same. */
  private last: { frame: FrameInput; faces: FaceObservation[] } | null = null;
  constructor(private readonly noise: () => number = seededRandom(99)) {}
  private next(frame: FrameInput): { width: number; height: number; faces: FaceObservation[] } {
    if (this.last?.frame !== frame) {
      const faces = this.script.shift();
      if (!faces) throw new Error('the script ran out of frames');
      this.last = { frame, faces };
    }
    return { width: 640, height: 480, faces: this.last.faces };
  }
  private gate(frame: { width: number; height: number; faces: FaceObservation[] }): FrameOutcome {
    const verdict = assessQuality(frame);
    const result = { ...frame, lightAt: null, timings: { decodeMs: 0, prepareMs: 0, inferMs: 0, statsMs: 0 }, backend: 'wasm' as const };
    return verdict.ok
      ? { ok: true, face: verdict.face!, frame: result }
      : { ok: false, reason: verdict.reason!, message: QUALITY_MESSAGES[verdict.reason!], frame: result };
  }
  async track(input: FrameInput): Promise<FrameOutcome> {
    this.calls.push('track');
    const frame = this.next(input);
    if (this.hiddenFromFast.has(frame.faces)) return this.gate({ ...frame, faces: [] });
    return this.gate({ ...frame, faces: frame.faces.map((f) => ({ ...f, descriptor: null })) });
  }
  async capture(input: FrameInput): Promise<FrameOutcome> {
    this.calls.push('capture');
    const frame = this.next(input);
    const person = this.person;
    return this.gate({ ...frame, faces: frame.faces.map((f) => ({ ...f, descriptor: f.descriptor ?? (person ? sameFace(person, this.noise) : null) })) });
  }
}

const FRAME: FrameInput = { kind: 'rgba', width: 1, height: 1, data: new Uint8Array(4) };

function placed(landmarks: Point[], width = 200): Point[] {
  const moved = movePicture(landmarks, { rollDeg: 0, scale: width / 136, dx: 0, dy: 0, squeeze: 1 });
  const cx = moved.reduce((s, p) => s + p[0], 0) / 68;
  const cy = moved.reduce((s, p) => s + p[1], 0) / 68;
  return moved.map(([x, y]) => [x - cx + 320, y - cy + 240] as const);
}

function face(landmarks: Point[], descriptor: Float32Array | null = null): FaceObservation {
  const xs = landmarks.map((p) => p[0]);
  const ys = landmarks.map((p) => p[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return {
    box: { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y },
    score: 0.98,
    landmarks,
    descriptor,
    brightness: 140,
    sharpness: 800,
    eyeContrast: null,
    eyeLevel: null,
    light: { face: [180, 140, 120], surround: [90, 95, 100], shape: null },
    cheekLuma: null,
  };
}

function motion(challenge: LivenessChallenge, k: number): Point[] {
  switch (challenge) {
    case 'turn-left':
      return turnHead(MEAN_FACE, 30 * k);
    case 'turn-right':
      return turnHead(MEAN_FACE, -30 * k);
    case 'open-mouth':
      return openMouth(MEAN_FACE, 0.12 * k);
    case 'blink':
      return closeEyes(MEAN_FACE, 0.85 * k);
  }
}

function unit(rng: () => number): Float32Array {
  return l2Normalize(Float32Array.from({ length: 128 }, () => rng() - 0.5));
}

function sameFace(t: Float32Array, rng: () => number): Float32Array {
  return Float32Array.from(t, (v) => v + (rng() - 0.5) * 0.01);
}

let dir: string;
let store: GalleryStore;
let gallery: FaceGallery;
let now: number;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'face-flow-'));
  now = 5_000_000;
  store = new GalleryStore(path.join(dir, 'face.db'), new StaticKeyProvider(randomBytes(32)));
  gallery = new FaceGallery({ store, hallCodec: new SealedHallTemplateCodec(new StaticKeyProvider(randomBytes(32))), clock: () => now });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

async function drive(flow: FaceFlow, analyzer: ScriptedAnalyzer): Promise<FaceFlowView[]> {
  const views: FaceFlowView[] = [];
  while (analyzer.script.length > 0 && !flow.finished) {
    now += 100;
    views.push(await flow.submitFrame({ ...FRAME }));
  }
  return views;
}

/**
 * A recorded live session in the order the check will ask: still long enough for the baseline and
 * the hold before the first prompt (at most 1.6 s), each movement followed by 2.3 s of stillness
 * (the hold before the next prompt), so every movement comes after its prompt.
 */
function liveSession(analyzer: ScriptedAnalyzer, plan: readonly LivenessChallenge[], noise: () => number): void {
  for (let i = 0; i < 28; i++) analyzer.script.push([face(placed(jitter(MEAN_FACE, 0.003, noise)))]);
  for (const challenge of plan) {
    for (const k of [0.3, 0.6, 1, 1, 0.6, 0.3, ...Array<number>(23).fill(0)]) analyzer.script.push([face(placed(jitter(motion(challenge, k), 0.003, noise)))]);
  }
}

const SEED = 4;
const deps = (analyzer: ScriptedAnalyzer) => ({
  analyzer,
  gallery,
  identifyPolicy: DEFAULT_IDENTIFY_POLICY,
  consistencyThreshold: VERIFY_THRESHOLD,
  clock: () => now,
  rng: seededRandom(SEED),
});

describe('face flow (what the screens drive)', () => {
  it('binds: hints while badly placed, liveness prompts, template from good frames; the screen never sees a score', async () => {
    const noise = seededRandom(1);
    const person = unit(noise);
    const analyzer = new ScriptedAnalyzer();
    analyzer.script.push(
      [],
      [face(placed(MEAN_FACE, 60))],
      [face(placed(MEAN_FACE)), face(movePicture(placed(MEAN_FACE, 100), { rollDeg: 0, scale: 1, dx: 200, dy: 0, squeeze: 1 }))],
    );
    const plan = new LivenessCheck({ rng: seededRandom(SEED), clock: () => 0 }).plan;
    liveSession(analyzer, plan, noise);
    for (let i = 0; i < 5; i++) analyzer.script.push([face(placed(MEAN_FACE), sameFace(person, noise))]);
    const flow = new FaceFlow(deps(analyzer), { kind: 'bind', subject: 'fs1_citizen', storeConsent: { textVersion: 's1' }, shareConsent: null });
    const views = await drive(flow, analyzer);

    expect(views.slice(0, 3).map((v) => v.hint?.reason)).toEqual(['no-face', 'too-far', 'multiple-faces']);
    expect(views[1]!.hint!.text['zh-CN']).toBe('请靠近一点');
    const prompts = new Set(views.flatMap((v) => (v.liveness?.challenge ? [v.liveness.challenge] : [])));
    expect([...prompts].sort()).toEqual([...plan].sort());
    expect(views.some((v) => v.step === 'capture' && v.captured)).toBe(true);
    expect(views.at(-1)).toMatchObject({ step: 'done', result: { kind: 'bound' } });
    expect(gallery.has('fs1_citizen')).toBe(true);
    const json = JSON.stringify(views);
    expect(json).not.toMatch(/distance|descriptor|template|fs1_citizen/);
  });

  it('identifies a bound citizen, keeping the subject in the core', async () => {
    const noise = seededRandom(2);
    const person = unit(noise);
    gallery.bind({ subject: 'fs1_known', template: person, storeConsent: { textVersion: 's1' }, shareConsent: null });
    gallery.bind({ subject: 'fs1_other', template: unit(noise), storeConsent: { textVersion: 's1' }, shareConsent: null });
    const analyzer = new ScriptedAnalyzer();
    liveSession(analyzer, new LivenessCheck({ rng: seededRandom(SEED), clock: () => 0 }).plan, noise);
    for (let i = 0; i < 3; i++) analyzer.script.push([face(placed(MEAN_FACE), sameFace(person, noise))]);
    const flow = new FaceFlow(deps(analyzer), { kind: 'identify' });
    const views = await drive(flow, analyzer);
    expect(views.at(-1)!.result).toEqual({ kind: 'identified' });
    expect(flow.outcome.subject).toBe('fs1_known');
  });

  it('zeroes the descriptors of its template frames and the template once it has bound or identified', async () => {
    for (const mode of [
      { kind: 'bind', subject: 'fs1_citizen', storeConsent: { textVersion: 's1' }, shareConsent: null } as const,
      { kind: 'identify' } as const,
    ]) {
      const noise = seededRandom(7);
      const person = unit(noise);
      const analyzer = new ScriptedAnalyzer();
      const handed: Float32Array[] = [];
      const capture = analyzer.capture.bind(analyzer);
      analyzer.capture = async (input) => {
        const outcome = await capture(input);
        if (outcome.ok && outcome.face.descriptor) handed.push(outcome.face.descriptor);
        return outcome;
      };
      liveSession(analyzer, new LivenessCheck({ rng: seededRandom(SEED), clock: () => 0 }).plan, noise);
      for (let i = 0; i < 5; i++) analyzer.script.push([face(placed(MEAN_FACE), sameFace(person, noise))]);
      const flow = new FaceFlow(deps(analyzer), mode);
      const views = await drive(flow, analyzer);
      expect(views.at(-1)!.step).toBe('done');
      expect(handed.length).toBeGreaterThanOrEqual(mode.kind === 'bind' ? 5 : 3);
      expect(handed.filter((d) => d.some((v) => v !== 0))).toEqual([]);
    }
    // What was bound is the gallery's own copy, untouched.
    expect(gallery.has('fs1_citizen')).toBe(true);
    expect(gallery.identify(sameFace(unit(seededRandom(7)), seededRandom(8)), DEFAULT_IDENTIFY_POLICY).subject).toBe('fs1_citizen');
  });

  it('offers the ID card to a stranger', async () => {
    const noise = seededRandom(3);
    gallery.bind({ subject: 'fs1_other', template: unit(noise), storeConsent: { textVersion: 's1' }, shareConsent: null });
    const analyzer = new ScriptedAnalyzer();
    liveSession(analyzer, new LivenessCheck({ rng: seededRandom(SEED), clock: () => 0 }).plan, noise);
    const stranger = unit(noise);
    for (let i = 0; i < 3; i++) analyzer.script.push([face(placed(MEAN_FACE), sameFace(stranger, noise))]);
    const flow = new FaceFlow(deps(analyzer), { kind: 'identify' });
    const views = await drive(flow, analyzer);
    expect(views.at(-1)!.result).toEqual({ kind: 'not-identified', fallback: 'id-card' });
    expect(flow.outcome.subject).toBeNull();
  });

  it('fails a still photo at the liveness step and offers the ID card', async () => {
    const noise = seededRandom(4);
    const analyzer = new ScriptedAnalyzer();
    for (let i = 0; i < 400; i++) analyzer.script.push([face(placed(jitter(MEAN_FACE, 0.003, noise)))]);
    const flow = new FaceFlow(deps(analyzer), { kind: 'identify' });
    const views = await drive(flow, analyzer);
    expect(views.at(-1)).toMatchObject({ step: 'failed', result: { kind: 'failed', reason: 'liveness-timeout', fallback: 'id-card' } });
    expect(views.at(-1)!.result!.kind === 'failed' && views.at(-1)!.result).toMatchObject({ text: { 'zh-CN': expect.stringContaining('身份证') } });
  });

  it('refuses to make a template when another face comes in during capture', async () => {
    const noise = seededRandom(5);
    const analyzer = new ScriptedAnalyzer();
    liveSession(analyzer, new LivenessCheck({ rng: seededRandom(SEED), clock: () => 0 }).plan, noise);
    const a = unit(noise);
    const b = unit(noise);
    for (const d of [a, a, b, b, b]) analyzer.script.push([face(placed(MEAN_FACE), sameFace(d, noise))]);
    const flow = new FaceFlow(deps(analyzer), { kind: 'bind', subject: 'fs1_swap', storeConsent: { textVersion: 's1' }, shareConsent: null });
    const views = await drive(flow, analyzer);
    expect(views.at(-1)!.result).toMatchObject({ kind: 'failed', reason: 'inconsistent-face' });
    expect(gallery.has('fs1_swap')).toBe(false);
  });

  it('fails when the face leaves or jumps between the liveness check and the capture', async () => {
    for (const intruder of [[] as FaceObservation[], 'jump'] as const) {
      const noise = seededRandom(6);
      const person = unit(noise);
      const analyzer = new ScriptedAnalyzer();
      liveSession(analyzer, new LivenessCheck({ rng: seededRandom(SEED), clock: () => 0 }).plan, noise);
      analyzer.script.push([face(placed(MEAN_FACE), sameFace(person, noise))]);
      analyzer.script.push(
        intruder === 'jump' ? [face(movePicture(placed(MEAN_FACE), { rollDeg: 0, scale: 1, dx: 150, dy: 0, squeeze: 1 }), sameFace(person, noise))] : intruder,
      );
      for (let i = 0; i < 5; i++) analyzer.script.push([face(placed(MEAN_FACE), sameFace(person, noise))]);
      const flow = new FaceFlow(deps(analyzer), { kind: 'bind', subject: 'fs1_swap2', storeConsent: { textVersion: 's1' }, shareConsent: null });
      const views = await drive(flow, analyzer);
      expect(views.at(-1)!.result).toMatchObject({ kind: 'failed', reason: 'face-lost' });
      expect(gallery.has('fs1_swap2')).toBe(false);
    }
  });
});

/** Frames until `until` holds (checked before each frame) or the flow ends. */
async function driveUntil(flow: FaceFlow, analyzer: ScriptedAnalyzer, until: () => boolean): Promise<FaceFlowView[]> {
  const views: FaceFlowView[] = [];
  while (analyzer.script.length > 0 && !flow.finished && !until()) {
    now += 100;
    views.push(await flow.submitFrame({ ...FRAME }));
  }
  return views;
}

describe('template frames while the liveness check waits out its holds', () => {
  const plan = () => new LivenessCheck({ rng: seededRandom(SEED), clock: () => 0 }).plan;

  it('takes one template frame per hold and the last once the last challenge is met: no capture step of its own', async () => {
    const noise = seededRandom(7);
    const person = unit(noise);
    gallery.bind({ subject: 'fs1_known', template: person, storeConsent: { textVersion: 's1' }, shareConsent: null });
    gallery.bind({ subject: 'fs1_other', template: unit(noise), storeConsent: { textVersion: 's1' }, shareConsent: null });
    const analyzer = new ScriptedAnalyzer(noise);
    analyzer.person = person;
    liveSession(analyzer, plan(), noise);
    const flow = new FaceFlow(deps(analyzer), { kind: 'identify' });
    const views = await drive(flow, analyzer);

    expect(views.at(-1)!.result).toEqual({ kind: 'identified' });
    expect(flow.outcome.subject).toBe('fs1_known');
    // Where each template frame was taken: the view just before it shows what the person was doing.
    const taken = analyzer.calls.flatMap((call, i) => (call === 'capture' ? [i] : []));
    const during = taken.map((i) => ({
      step: views[i - 1]!.step,
      challenge: views[i - 1]!.liveness?.challenge ?? null,
      completed: views[i - 1]!.liveness?.completed ?? null,
    }));
    expect(during).toEqual([
      { step: 'liveness', challenge: null, completed: 0 },
      { step: 'liveness', challenge: null, completed: 1 },
      { step: 'capture', challenge: null, completed: null },
    ]);
    // From the last challenge met to the result: the face coming back, one tracking frame, one template frame.
    const capturing = views.filter((v) => v.step === 'capture').length;
    expect(capturing).toBeLessThanOrEqual(8);
  });

  it('refuses a template whose frames are not all one person: another face during the challenges', async () => {
    const noise = seededRandom(8);
    const [a, b] = [unit(noise), unit(noise)];
    const analyzer = new ScriptedAnalyzer(noise);
    analyzer.person = a; // in the holds
    liveSession(analyzer, plan(), noise);
    const flow = new FaceFlow(deps(analyzer), { kind: 'bind', subject: 'fs1_swapped', storeConsent: { textVersion: 's1' }, shareConsent: null });
    let last: FaceFlowView | null = null;
    while (last?.step !== 'capture' && !flow.finished) {
      now += 100;
      last = await flow.submitFrame({ ...FRAME });
    }
    // Once the last challenge is met, b stands (exactly) where a was.
    analyzer.person = b;
    const views = await drive(flow, analyzer);
    expect(analyzer.calls.filter((c) => c === 'capture').length).toBeGreaterThanOrEqual(3);
    expect(views.at(-1)!.result).toMatchObject({ kind: 'failed', reason: 'inconsistent-face' });
    expect(gallery.has('fs1_swapped')).toBe(false);
  });

  it.each(['two faces', 'a jump'] as const)('fails with face-lost when, after the first template frame, the liveness frames show %s', async (intrusion) => {
    const noise = seededRandom(9);
    const person = unit(noise);
    const analyzer = new ScriptedAnalyzer(noise);
    analyzer.person = person;
    liveSession(analyzer, plan(), noise);
    const flow = new FaceFlow(deps(analyzer), { kind: 'identify' });
    const before = await driveUntil(flow, analyzer, () => analyzer.calls.includes('capture'));
    expect(before.at(-1)!.step).toBe('liveness'); // the template frame was taken during the check
    const here = placed(MEAN_FACE);
    const elsewhere = movePicture(placed(MEAN_FACE, 100), { rollDeg: 0, scale: 1, dx: 150, dy: 0, squeeze: 1 });
    analyzer.script.unshift(
      intrusion === 'two faces' ? [face(here), face(elsewhere)] : [face(movePicture(here, { rollDeg: 0, scale: 1, dx: 150, dy: 0, squeeze: 1 }))],
    );
    const views = await drive(flow, analyzer);
    expect(views.at(-1)!.result).toMatchObject({ kind: 'failed', reason: 'face-lost' });
    expect(flow.outcome.subject).toBeNull();
  });

  it('lets the liveness check count frames without a face during it, as before the first template frame', async () => {
    const noise = seededRandom(10);
    const person = unit(noise);
    gallery.bind({ subject: 'fs1_known', template: person, storeConsent: { textVersion: 's1' }, shareConsent: null });
    const analyzer = new ScriptedAnalyzer(noise);
    analyzer.person = person;
    liveSession(analyzer, plan(), noise);
    const flow = new FaceFlow(deps(analyzer), { kind: 'identify' });
    const before = await driveUntil(flow, analyzer, () => analyzer.calls.includes('capture'));
    expect(before.at(-1)!.step).toBe('liveness');
    analyzer.script.unshift([], []);
    const views = await drive(flow, analyzer);
    expect(views.at(-1)!.result).toEqual({ kind: 'identified' });
  });

  it('asks the accurate detector about a frame the fast one sees no face in, once the last challenge is met', async () => {
    const noise = seededRandom(11);
    const person = unit(noise);
    gallery.bind({ subject: 'fs1_known', template: person, storeConsent: { textVersion: 's1' }, shareConsent: null });
    const analyzer = new ScriptedAnalyzer(noise);
    analyzer.person = person;
    liveSession(analyzer, plan(), noise);
    const flow = new FaceFlow(deps(analyzer), { kind: 'identify' });
    let last: FaceFlowView | null = null;
    while (last?.step !== 'capture' && !flow.finished) {
      now += 100;
      last = await flow.submitFrame({ ...FRAME });
    }
    const missed = [face(placed(MEAN_FACE))];
    analyzer.hiddenFromFast.add(missed);
    analyzer.script.unshift(missed);
    const calls = analyzer.calls.length;
    now += 100;
    const view = await flow.submitFrame({ ...FRAME });
    expect(analyzer.calls.slice(calls)).toEqual(['track', 'capture']);
    // The accurate detector found the face where it was: followed, and a good frame, so the last template frame.
    expect(view.result).toEqual({ kind: 'identified' });
    expect(flow.outcome.subject).toBe('fs1_known');
  });
});
