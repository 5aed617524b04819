// Accuracy on the shared labelled photos: every image is described once (accurate detector) in
// beforeAll and cached; the tests then work on the descriptors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FaceEngineClient } from '../../main/face/engine/face-engine-client';
import { FacePipeline } from '../../main/face/pipeline';
import { describePhotoFile, type DescribedPhoto } from '../../main/face/photo-file';
import {
  CALIBRATION_SPLIT_SEED,
  IDENTIFY_MARGIN,
  IDENTIFY_THRESHOLD,
  TARGET_MAX_FAR,
  TARGET_MAX_FRR,
  VERIFY_THRESHOLD,
} from '../../common/face/decision-policy';
import { thresholdRange } from '../../main/face/calibration';
import { formatCalibrationReport, runCalibration, type CalibrationReport } from '../../main/face/calibration-report';
import { PackageImageDecoder } from '../../main/face/image/image-decoder';
import { downscaleToMaxSide, type RawImage } from '../../main/face/image/raw-image';
import { LivenessCheck } from '../../main/face/liveness';
import { faceFile, sharedIdentities, sharedPairs } from './face-data';
import { jitter, turnHead, movePicture } from './landmark-motion';
import { seededRandom } from '../../base/prng';

const engine = new FaceEngineClient();
const pipeline = new FacePipeline(engine);
const described = new Map<string, DescribedPhoto>();
const pairs = sharedPairs();
const identities = sharedIdentities();
let tmp: string;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'face-data-'));
  await engine.start();
  const files = [...new Set([...pairs.flatMap((p) => [p.a, p.b]), ...Object.values(identities).flat()])];
  for (const f of files) described.set(f, await describePhotoFile(pipeline, faceFile(f)));
}, 300_000);

afterAll(async () => {
  await engine.close();
  rmSync(tmp, { recursive: true, force: true });
});

function box3(image: RawImage, radius: number): RawImage {
  const { width, height, data } = image;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const acc = [0, 0, 0];
      let n = 0;
      for (let dy = -radius; dy <= radius; dy++) {
        for (let dx = -radius; dx <= radius; dx++) {
          const sx = Math.min(width - 1, Math.max(0, x + dx));
          const sy = Math.min(height - 1, Math.max(0, y + dy));
          const i = (sy * width + sx) * 4;
          acc[0]! += data[i]!;
          acc[1]! += data[i + 1]!;
          acc[2]! += data[i + 2]!;
          n++;
        }
      }
      const o = (y * width + x) * 4;
      out[o] = acc[0]! / n;
      out[o + 1] = acc[1]! / n;
      out[o + 2] = acc[2]! / n;
      out[o + 3] = 255;
    }
  }
  return { width, height, data: out };
}

describe('face engine on the shared photos', () => {
  it('finds exactly one face in each of the 61 labelled photos (JPEG and the WebP one), on the reported backend', () => {
    expect(described.size).toBe(61);
    const problems = [...described.values()].filter((d) => d.problem).map((d) => d.problem);
    expect(problems).toEqual([]);
    expect(described.get('img47.jpg')!.faces).toBe(1);
    expect(['tensorflow', 'wasm', 'cpu']).toContain(described.get('img1.jpg')!.backend);
  });

  it('refuses a blank frame with "no face" and the couple photo with "multiple faces"', async () => {
    const blank = { kind: 'rgba' as const, width: 640, height: 480, data: new Uint8Array(640 * 480 * 4).fill(128) };
    const none = await pipeline.photo(blank);
    expect(none).toMatchObject({ ok: false, reason: 'no-face' });
    const tracked = await pipeline.track(blank);
    expect(tracked).toMatchObject({ ok: false, reason: 'no-face', message: { 'zh-CN': '请把脸对准摄像头' } });

    const couple = await describePhotoFile(pipeline, faceFile('couple.jpg'));
    expect(couple).toMatchObject({ faces: 2, descriptor: null, problemCode: 'multiple-faces' });
    expect(couple.problem).toContain('couple.jpg');
  });

  it('refuses corrupt, truncated and non-image files with a reason naming the file', async () => {
    const jpeg = readFileSync(faceFile('img1.jpg'));
    const corrupt = path.join(tmp, 'corrupt.jpg');
    writeFileSync(corrupt, Buffer.concat([jpeg.subarray(0, 4), Buffer.alloc(5000, 0x5a)]));
    const truncated = path.join(tmp, 'truncated.jpg');
    writeFileSync(truncated, jpeg.subarray(0, 3000));
    const text = path.join(tmp, 'notes.jpg');
    writeFileSync(text, 'not an image at all');
    for (const file of [corrupt, truncated, text, path.join(tmp, 'missing.jpg')]) {
      const d = await describePhotoFile(pipeline, file);
      expect(d.problemCode, file).toBe('unreadable');
      expect(d.problem).toContain(file);
    }
    // The worker survived all of it.
    expect((await describePhotoFile(pipeline, faceFile('img2.jpg'))).faces).toBe(1);
  });

  it('applies the camera gates to a real face: a good frame passes, a blurred one is told to hold still', async () => {
    const decoded = await new PackageImageDecoder().decode(readFileSync(faceFile('img20.jpg')));
    const frame = downscaleToMaxSide(decoded, 640).image;
    const good = await pipeline.capture({ kind: 'rgba', ...frame });
    expect(good.ok).toBe(true);
    const blurred = await pipeline.capture({ kind: 'rgba', ...box3(frame, 4) });
    expect(blurred).toMatchObject({ ok: false, reason: 'blurry' });
  });

  it('runs liveness on landmarks tracked from a real photo: the photo itself fails, a turning head passes', async () => {
    const decoded = await new PackageImageDecoder().decode(readFileSync(faceFile('img20.jpg')));
    const frame = downscaleToMaxSide(decoded, 640).image;
    const tracked = await pipeline.track({ kind: 'rgba', ...frame });
    expect(tracked.ok).toBe(true);
    if (!tracked.ok) return;
    const recorded = tracked.face.landmarks;
    const noise = seededRandom(1);
    const seed = Array.from({ length: 50 }, (_, i) => i + 1).find((s) => new LivenessCheck({ rng: seededRandom(s), clock: () => 0 }).plan[0] === 'turn-right')!;

    let now = 0;
    const still = new LivenessCheck({ rng: seededRandom(seed), clock: () => now, challengeCount: 1 });
    for (let i = 0; i < 200 && still.state.phase !== 'failed'; i++) {
      now += 100;
      still.update(jitter(movePicture(recorded, { rollDeg: 5 * Math.sin(i / 7), scale: 1, dx: 0, dy: 0, squeeze: 0.8 + 0.2 * Math.cos(i / 5) }), 0.003, noise));
    }
    expect(still.state).toMatchObject({ phase: 'failed', failure: 'timeout' });

    now = 0;
    const live = new LivenessCheck({ rng: seededRandom(seed), clock: () => now, challengeCount: 1 });
    const sequence = [...Array.from({ length: 25 }, () => 0), 8, 16, 24, 30, 30, 20, 10, 0].map((deg) => jitter(turnHead(recorded, -deg), 0.003, noise));
    for (const landmarks of sequence) {
      now += 100;
      live.update(landmarks);
    }
    expect(live.state.phase).toBe('passed');
  });
});

/**
 * The thresholds in decision-policy.ts are what the calibration chooses on 7 of the 13 identities
 * (split by person, seed CALIBRATION_SPLIT_SEED); the other 6 never took part in choosing them and
 * judge them here (docs/face.md, Decisions and calibration).
 */
describe('thresholds judged on identities they were not chosen on', () => {
  let report: CalibrationReport;
  beforeAll(() => {
    report = runCalibration({
      identities,
      descriptorOf: (f) => described.get(f)?.descriptor ?? null,
      thresholds: thresholdRange(0.2, 0.7, 0.01),
      maxFar: TARGET_MAX_FAR,
      splitSeed: CALIBRATION_SPLIT_SEED,
    });
    console.log(formatCalibrationReport(report, described.get('img1.jpg')!.backend ?? '?', []));
  });

  it('parts the 13 identities by person: 7 to choose on, 6 to judge, no photo on both sides', () => {
    expect(report.split).toEqual({
      seed: 13,
      calibration: ['id02', 'id03', 'id04', 'id06', 'id07', 'id12', 'id13'],
      evaluation: ['id01', 'id05', 'id08', 'id09', 'id10', 'id11'],
    });
    const photosOf = (labels: string[]) => labels.flatMap((l) => identities[l]!);
    const calibrationPhotos = new Set(photosOf(report.split!.calibration));
    expect(photosOf(report.split!.evaluation).filter((f) => calibrationPhotos.has(f))).toEqual([]);
    expect(calibrationPhotos.size + report.evaluation!.photos).toBe(61);
  });

  it('chooses on the calibration part exactly the thresholds the code uses', () => {
    expect({ samePairs: report.verify.samePairs, differentPairs: report.verify.differentPairs }).toEqual({ samePairs: 62, differentPairs: 403 });
    expect(report.verify.chosen.threshold).toBe(VERIFY_THRESHOLD);
    expect(report.identify.chosen.threshold).toBe(IDENTIFY_THRESHOLD);
    expect(report.verify.chosen.far).toBeLessThanOrEqual(TARGET_MAX_FAR);
    expect(report.identify.chosen.far).toBeLessThanOrEqual(TARGET_MAX_FAR);
  });

  it('verifies the held-out pairs within the targets; the FAR bound is above its target, as 357 pairs must leave it', () => {
    const { far, frr } = report.evaluation!.verify;
    expect({ impostor: far.of, genuine: frr.of }).toEqual({ impostor: 357, genuine: 78 });
    expect(far.rate).toBeLessThanOrEqual(TARGET_MAX_FAR);
    expect(frr.rate).toBeLessThanOrEqual(TARGET_MAX_FRR);
    // 78 genuine pairs can show FRR ≤ 5% at 95% confidence; 357 impostor pairs cannot show 0.1%
    // (with no false accept the bound is 1.03%): docs/face.md reports the bound, not a claim.
    expect(frr.upper).toBeLessThanOrEqual(TARGET_MAX_FRR);
    expect(far.upper).toBeCloseTo(0.0103, 4);
  });

  it('identifies each held-out photo 1:N (margin included) against templates of the others, and accepts no stranger', () => {
    const { far, frr, decisions, margin } = report.evaluation!.identify;
    expect(margin).toBe(IDENTIFY_MARGIN);
    expect({ impostor: far.of, genuine: frr.of }).toEqual({ impostor: 150, genuine: 30 });
    expect(far.rate).toBeLessThanOrEqual(TARGET_MAX_FAR);
    expect(frr.rate).toBeLessThanOrEqual(TARGET_MAX_FRR);
    expect(decisions.probes).toBe(30);
    expect(decisions.wrong).toBe(0);
    expect(decisions.strangersAccepted).toBe(0);
    expect(decisions.identified / decisions.probes).toBeGreaterThanOrEqual(1 - TARGET_MAX_FRR);
  });
});
