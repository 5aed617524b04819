import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runKioskctl } from '../helpers/kioskctl';
import { faceFile, FACES_DIR } from './face-data';
import { VERIFY_THRESHOLD } from '../../common/face/decision-policy';

const T = { timeoutMs: 180_000 };
let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'face-cli-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('kioskctl face verify', () => {
  it('exits 0 with match for two photos of one person', async () => {
    const r = await runKioskctl(['face', 'verify', faceFile('img1.jpg'), faceFile('img2.jpg'), '--json'], T);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ facesA: 1, facesB: 1, match: true, threshold: VERIFY_THRESHOLD });
    expect(out.distance).toBeLessThan(out.threshold);
    expect(['tensorflow', 'wasm', 'cpu']).toContain(out.backend);
  }, 200_000);

  it('exits 1 for two different people', async () => {
    const r = await runKioskctl(['face', 'verify', faceFile('img1.jpg'), faceFile('img3.jpg'), '--json'], T);
    expect(r.code, r.stderr).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ match: false });
    expect(JSON.parse(r.stdout).distance).toBeGreaterThanOrEqual(VERIFY_THRESHOLD);
  }, 200_000);

  it('exits 2 naming the photo with two faces, and a corrupt one', async () => {
    const couple = await runKioskctl(['face', 'verify', faceFile('img1.jpg'), faceFile('couple.jpg'), '--json'], T);
    expect(couple.code).toBe(2);
    expect(couple.stderr).toContain('couple.jpg: no usable face (2 faces found');
    expect(JSON.parse(couple.stdout)).toMatchObject({ facesA: 1, facesB: 2, match: false });

    const corrupt = path.join(tmp, 'broken.jpg');
    writeFileSync(corrupt, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(4000, 7)]));
    const r = await runKioskctl(['face', 'verify', corrupt, faceFile('img1.jpg')], T);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${corrupt}: unreadable image`);
  }, 200_000);
});

describe('kioskctl face identify and calibrate', () => {
  it('identifies a probe among the gallery subjects, and returns null for a stranger', async () => {
    const manifest = path.join(tmp, 'gallery.json');
    writeFileSync(
      manifest,
      JSON.stringify({
        'subject-a': [faceFile('img1.jpg'), faceFile('img4.jpg')],
        'subject-b': [faceFile('img3.jpg'), faceFile('img53.jpg')],
        'subject-c': faceFile('img16.jpg'),
      }),
    );
    const known = await runKioskctl(['face', 'identify', '--gallery', manifest, '--probe', faceFile('img5.jpg'), '--json'], T);
    expect(known.code, known.stderr).toBe(0);
    const out = JSON.parse(known.stdout);
    expect(out.subject).toBe('subject-a');
    expect(out.secondDistance).toBeGreaterThan(out.distance);

    const stranger = await runKioskctl(['face', 'identify', '--gallery', manifest, '--probe', faceFile('img20.jpg'), '--json'], T);
    expect(stranger.code).toBe(1);
    expect(JSON.parse(stranger.stdout)).toMatchObject({ subject: null });

    const missing = await runKioskctl(['face', 'identify', '--gallery', path.join(tmp, 'nope.json'), '--probe', faceFile('img5.jpg')], T);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json');
  }, 300_000);

  it('prints FAR and FRR over a range of thresholds and the chosen one', async () => {
    const identities = path.join(tmp, 'identities.json');
    writeFileSync(identities, JSON.stringify({ p1: ['img1.jpg', 'img2.jpg', 'img4.jpg'], p2: ['img3.jpg', 'img12.jpg'], p3: ['img16.jpg', 'img17.jpg'] }));
    const r = await runKioskctl(
      ['face', 'calibrate', '--identities', identities, '--images', FACES_DIR, '--from', '0.3', '--to', '0.5', '--step', '0.05', '--json'],
      T,
    );
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.images).toBe(7);
    expect(out.samePairs).toBe(5);
    expect(out.differentPairs).toBe(16);
    expect(out.rows.map((row: { threshold: number }) => row.threshold)).toEqual([0.3, 0.35, 0.4, 0.45, 0.5]);
    expect(out.chosen.far).toBeLessThanOrEqual(0.001);
    expect(out.identify.chosen.threshold).toBeGreaterThan(0);
    expect(out).toMatchObject({ split: null, evaluation: null });
  }, 300_000);

  it('with --split, chooses on some identities and reports FAR and FRR with their intervals on the others', async () => {
    const identities = path.join(tmp, 'identities-split.json');
    writeFileSync(
      identities,
      JSON.stringify({ p1: ['img1.jpg', 'img2.jpg'], p2: ['img3.jpg', 'img12.jpg'], p3: ['img16.jpg', 'img17.jpg'], p4: ['img20.jpg', 'img21.jpg'] }),
    );
    const r = await runKioskctl(['face', 'calibrate', '--identities', identities, '--images', FACES_DIR, '--split', '5', '--json'], T);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.split.seed).toBe(5);
    expect(out.split.calibration).toHaveLength(2);
    expect([...out.split.calibration, ...out.split.evaluation].sort()).toEqual(['p1', 'p2', 'p3', 'p4']);
    // Two people of two photos on each side: 2 genuine and 4 impostor pairs.
    expect({ same: out.samePairs, different: out.differentPairs }).toEqual({ same: 2, different: 4 });
    expect(out.evaluation.verify.far).toMatchObject({ of: 4, confidence: 0.95 });
    expect(out.evaluation.verify.far.upper).toBeGreaterThan(out.evaluation.verify.far.rate);
    expect(out.evaluation.verify.frr.of).toBe(2);
    expect(out.evaluation.identify.decisions.probes).toBe(4);

    const text = await runKioskctl(['face', 'calibrate', '--identities', identities, '--images', FACES_DIR, '--split', '5'], T);
    expect(text.stdout).toMatch(/evaluation part: 2 identities .* thresholds not chosen on them/);
    expect(text.stdout).toMatch(/FAR \d+\.\d\d% \(\d\/4; 95% interval/);

    const bad = await runKioskctl(['face', 'calibrate', '--identities', identities, '--images', FACES_DIR, '--split', 'x'], T);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--split must be a number');
    writeFileSync(identities, JSON.stringify({ p1: ['img1.jpg'], p2: ['img3.jpg'], p3: ['img16.jpg'] }));
    const few = await runKioskctl(['face', 'calibrate', '--identities', identities, '--images', FACES_DIR, '--split', '5'], T);
    expect(few.code).toBe(2);
    expect(few.stderr).toContain('--split: a split by identity needs at least 4 identities');
  }, 400_000);
});

describe('kioskctl face bench', () => {
  it('prints median and p95 per stage on the current backend', async () => {
    const r = await runKioskctl(['face', 'bench', '--image', faceFile('img20.jpg'), '--frames', '2', '--json'], T);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(['tensorflow', 'wasm', 'cpu']).toContain(out.backend);
    const stages = out.stages.map((s: { stage: string }) => s.stage);
    expect(stages).toEqual(expect.arrayContaining(['decode', 'fast detect+lm+desc', 'ssd detect+lm+desc']));
    for (const s of out.stages) expect(s.p95Ms).toBeGreaterThanOrEqual(s.medianMs);
  }, 200_000);

  it('exits 2 naming a missing benchmark photo', async () => {
    const r = await runKioskctl(['face', 'bench', '--image', path.join(tmp, 'none.jpg')], T);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('none.jpg');
  }, 60_000);
});
