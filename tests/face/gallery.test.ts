import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { StaticKeyProvider } from '../../main/security/key-provider';
import { GalleryStore, FACE_DB_FILE } from '../../main/face/gallery/gallery-store';
import { FaceGallery, type FaceBoundEvent, type FaceUnboundEvent } from '../../main/face/gallery/face-gallery';
import { SealedHallTemplateCodec } from '../../main/face/gallery/hall-template-codec';
import { SubjectIdDeriver } from '../../main/face/gallery/subject-id';
import { DEFAULT_IDENTIFY_POLICY } from '../../main/face/decision-policy';
import { l2Normalize } from '../../main/face/matching';
import { seededRng } from './landmark-motion';

const DAY = 24 * 60 * 60 * 1000;

function randomTemplate(rng: () => number): Float32Array {
  return l2Normalize(Float32Array.from({ length: 128 }, () => rng() - 0.5));
}

/** A probe near `t`: the same face seen again (distance well under the threshold). */
function near(t: Float32Array, rng: () => number, amount = 0.012): Float32Array {
  return Float32Array.from(t, (v) => v + (rng() - 0.5) * amount);
}

let dir: string;
let now: number;
let bound: FaceBoundEvent[];
let unbound: FaceUnboundEvent[];
const terminalKeys = new StaticKeyProvider(randomBytes(32));
const hallKeys = new StaticKeyProvider(randomBytes(32));

function openGallery(): { gallery: FaceGallery; store: GalleryStore } {
  const store = new GalleryStore(path.join(dir, FACE_DB_FILE), terminalKeys);
  const gallery = new FaceGallery({
    store,
    hallCodec: new SealedHallTemplateCodec(hallKeys),
    clock: () => now,
    hooks: { onBound: (e) => bound.push(e), onUnbound: (e) => unbound.push(e) },
  });
  return { gallery, store };
}

const open: GalleryStore[] = [];
function tracked() {
  const g = openGallery();
  open.push(g.store);
  return g;
}

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'face-gallery-'));
  now = Date.UTC(2026, 0, 10);
  bound = [];
  unbound = [];
});
afterEach(() => {
  for (const s of open.splice(0)) s.close();
  rmSync(dir, { recursive: true, force: true });
});

const consent = { storeConsent: { textVersion: 'face-store-v3' }, shareConsent: { textVersion: 'face-share-v2' } };

describe('pseudonymous subject ids', () => {
  it('gives the same citizen the same id, reveals nothing of the ID number, and depends on the terminal key', () => {
    const ids = new SubjectIdDeriver(terminalKeys);
    const a = ids.subjectFor('310101199003071234');
    expect(ids.subjectFor(' 310101199003071234 ')).toBe(a);
    expect(ids.subjectFor('31010119900307123x')).not.toBe(a);
    expect(a).not.toContain('1234');
    expect(a).not.toContain('3101');
    expect(new SubjectIdDeriver(new StaticKeyProvider(randomBytes(32))).subjectFor('310101199003071234')).not.toBe(a);
    expect(() => ids.subjectFor('12')).toThrow(/ID number/);
  });
});

describe('face gallery', () => {
  it('binds with both consents, identifies the citizen again, and tells the hall about a shared binding', () => {
    const rng = seededRng(1);
    const { gallery } = tracked();
    const ids = new SubjectIdDeriver(terminalKeys);
    const subjects = ['310101199003071234', '440301198512120018', '11010119700101001X'].map((n) => ids.subjectFor(n));
    const templates = subjects.map(() => randomTemplate(rng));
    subjects.forEach((subject, i) => gallery.bind({ subject, template: templates[i]!, ...consent, shareConsent: i === 0 ? consent.shareConsent : null }));

    expect(gallery.size).toBe(3);
    expect(gallery.identify(near(templates[1]!, rng), DEFAULT_IDENTIFY_POLICY).subject).toBe(subjects[1]);
    expect(gallery.identify(randomTemplate(rng), DEFAULT_IDENTIFY_POLICY)).toMatchObject({ subject: null, refusal: 'above-threshold' });

    expect(gallery.consentsOf(subjects[0]!)).toEqual([
      { subject: subjects[0], kind: 'share', textVersion: 'face-share-v2', grantedAt: now },
      { subject: subjects[0], kind: 'store', textVersion: 'face-store-v3', grantedAt: now },
    ]);
    expect(gallery.consentsOf(subjects[1]!).map((c) => c.kind)).toEqual(['store']);
    // Only the binding whose owner agreed to sharing goes to the hall, sealed for it.
    expect(bound.map((b) => b.subject)).toEqual([subjects[0]]);
    const hallCopy = new SealedHallTemplateCodec(hallKeys).decode(subjects[0]!, bound[0]!.template);
    expect(Array.from(hallCopy)).toEqual(Array.from(templates[0]!));
    expect(() => new SealedHallTemplateCodec(terminalKeys).decode(subjects[0]!, bound[0]!.template)).toThrow();
  });

  it('refuses a binding without the consent to store', () => {
    const { gallery } = tracked();
    expect(() =>
      gallery.bind({ subject: 'fs1_abcdef', template: randomTemplate(seededRng(2)), storeConsent: { textVersion: '' }, shareConsent: null }),
    ).toThrow(/consent/);
    expect(gallery.size).toBe(0);
  });

  it('refuses an identification too close to two subjects (margin)', () => {
    const rng = seededRng(3);
    const { gallery } = tracked();
    const a = randomTemplate(rng);
    const b = l2Normalize(near(a, rng, 0.03));
    gallery.bind({ subject: 'fs1_twin_a', template: a, ...consent, shareConsent: null });
    gallery.bind({ subject: 'fs1_twin_b', template: b, ...consent, shareConsent: null });
    // A face between the two: near enough to both, but not clearly one of them.
    const between = l2Normalize(Float32Array.from(a, (v, i) => v + b[i]!));
    const decision = gallery.identify(between, DEFAULT_IDENTIFY_POLICY);
    expect(decision.distance!).toBeLessThan(DEFAULT_IDENTIFY_POLICY.threshold);
    expect(decision.subject).toBeNull();
    expect(decision.refusal).toBe('ambiguous');
    expect(gallery.identify(a, DEFAULT_IDENTIFY_POLICY).subject).toBe('fs1_twin_a');
  });

  it('keeps templates encrypted at rest: the SQLite files hold no template bytes in clear, and reopen with the key', () => {
    const rng = seededRng(4);
    const { gallery, store } = tracked();
    const templates = Array.from({ length: 5 }, () => randomTemplate(rng));
    templates.forEach((t, i) => gallery.bind({ subject: `fs1_subject${i}`, template: t, ...consent }));
    store.close();
    open.splice(open.indexOf(store), 1);

    const files = readdirSync(dir).filter((f) => f.startsWith(FACE_DB_FILE));
    const bytes = Buffer.concat(files.map((f) => readFileSync(path.join(dir, f))));
    expect(bytes.length).toBeGreaterThan(0);
    for (const t of templates) {
      const clear = Buffer.from(t.buffer, t.byteOffset, t.byteLength);
      // No run of 4 consecutive floats (16 bytes) of any template appears in the files.
      for (let off = 0; off + 16 <= clear.length; off += 16) expect(bytes.indexOf(clear.subarray(off, off + 16))).toBe(-1);
    }
    // The file does hold them, sealed: reopening with the key restores the index.
    const reopened = tracked();
    expect(reopened.gallery.size).toBe(5);
    expect(reopened.gallery.identify(templates[3]!, DEFAULT_IDENTIFY_POLICY).subject).toBe('fs1_subject3');
    // With another key nothing opens.
    expect(() => new GalleryStore(path.join(dir, FACE_DB_FILE), new StaticKeyProvider(randomBytes(32))).allTemplates()).toThrow(/authentication/);
  });

  it('unbinds: the citizen is no longer identified, consents are gone, the hall is told', () => {
    const rng = seededRng(5);
    const { gallery } = tracked();
    const t = randomTemplate(rng);
    gallery.bind({ subject: 'fs1_leaving', template: t, ...consent });
    gallery.bind({ subject: 'fs1_staying', template: randomTemplate(rng), ...consent });
    expect(gallery.unbind('fs1_leaving')).toBe(true);
    expect(gallery.identify(t, DEFAULT_IDENTIFY_POLICY).subject).toBeNull();
    expect(gallery.consentsOf('fs1_leaving')).toEqual([]);
    expect(unbound).toEqual([{ subject: 'fs1_leaving' }]);
    expect(gallery.unbind('fs1_leaving')).toBe(false);
    expect(unbound).toHaveLength(1);
    expect(tracked().gallery.has('fs1_leaving')).toBe(false);
  });

  it('purges templates unused for the retention period, keeping those used recently', () => {
    const rng = seededRng(6);
    const { gallery } = tracked();
    const old = randomTemplate(rng);
    const used = randomTemplate(rng);
    gallery.bind({ subject: 'fs1_old', template: old, ...consent, shareConsent: null });
    gallery.bind({ subject: 'fs1_used', template: used, ...consent });
    now += 300 * DAY;
    expect(gallery.identify(near(used, rng), DEFAULT_IDENTIFY_POLICY).subject).toBe('fs1_used');
    now += 100 * DAY;
    expect(gallery.purgeExpired(365)).toBe(1);
    expect(gallery.has('fs1_old')).toBe(false);
    expect(gallery.has('fs1_used')).toBe(true);
    expect(unbound).toEqual([]); // fs1_old was never shared
    expect(tracked().gallery.has('fs1_old')).toBe(false);
    now += 366 * DAY;
    expect(gallery.purgeExpired(365)).toBe(1);
    expect(unbound).toEqual([{ subject: 'fs1_used' }]);
    expect(gallery.size).toBe(0);
  });

  it('honours the hub command purge-subject, idempotently, and rejects malformed args', () => {
    const { gallery } = tracked();
    gallery.bind({ subject: 'fs1_purge', template: randomTemplate(seededRng(7)), ...consent });
    expect(gallery.handlePurgeSubject({ subject: 'fs1_purge' })).toEqual({ purged: true });
    expect(gallery.handlePurgeSubject({ subject: 'fs1_purge' })).toEqual({ purged: false });
    expect(gallery.has('fs1_purge')).toBe(false);
    expect(() => gallery.handlePurgeSubject({})).toThrow(/purge-subject/);
    expect(() => gallery.handlePurgeSubject({ subject: "x'; DROP TABLE templates" })).toThrow(/purge-subject/);
  });

  it('applies hall changes from GET v1/gallery: puts, deletes, skips invalid ones, keeps the cursor', () => {
    const rng = seededRng(8);
    const { gallery } = tracked();
    const codec = new SealedHallTemplateCodec(hallKeys);
    const remote = randomTemplate(rng);
    const mine = randomTemplate(rng);
    gallery.bind({ subject: 'fs1_mine', template: mine, ...consent });
    const result = gallery.applyRemoteChanges({
      cursor: 'c-42',
      changes: [
        { subject: 'fs1_remote', op: 'put', template: codec.encode('fs1_remote', remote) },
        { subject: 'fs1_other', op: 'put', template: codec.encode('fs1_remote', remote) }, // sealed for another subject
        { subject: 'fs1_bad', op: 'put', template: 'bm90IGEgdGVtcGxhdGU=' },
        { subject: 'fs1_mine', op: 'put', template: codec.encode('fs1_mine', remote) }, // echo of a local binding
        { op: 'put' },
      ],
    });
    expect(result).toEqual({ applied: 2, rejected: 3 });
    expect(gallery.galleryCursor()).toBe('c-42');
    expect(gallery.identify(near(remote, rng), DEFAULT_IDENTIFY_POLICY).subject).toBe('fs1_remote');
    expect(gallery.identify(near(mine, rng), DEFAULT_IDENTIFY_POLICY).subject).toBe('fs1_mine');
    expect(gallery.has('fs1_other')).toBe(false);

    expect(gallery.applyRemoteChanges({ cursor: 'c-43', changes: [{ subject: 'fs1_remote', op: 'delete' }] })).toEqual({ applied: 1, rejected: 0 });
    expect(gallery.has('fs1_remote')).toBe(false);
    expect(tracked().gallery.galleryCursor()).toBe('c-43');
    expect(bound.every((b) => b.subject === 'fs1_mine')).toBe(true);
  });
});

describe('a citizen’s unbinding and the hall’s copy', () => {
  it('does not let the hall’s not-yet-deleted copy bring back a binding the citizen deleted, until the hall echoes the deletion', () => {
    const rng = seededRng(12);
    const codec = new SealedHallTemplateCodec(hallKeys);
    const mine = randomTemplate(rng);
    const { gallery } = tracked();
    gallery.bind({ subject: 'fs1_gone', template: mine, ...consent });
    expect(gallery.unbind('fs1_gone')).toBe(true);
    // A pull answered before face.unbound reached the hub: the hall still lists the binding.
    const echo = { subject: 'fs1_gone', op: 'put', template: codec.encode('fs1_gone', mine) };
    gallery.applyRemoteChanges({ cursor: 'c-1', changes: [echo] });
    expect(gallery.has('fs1_gone')).toBe(false);
    expect(gallery.identify(near(mine, rng), DEFAULT_IDENTIFY_POLICY).subject).toBeNull();
    // Also after a restart (the withdrawal is kept in face.db).
    const reopened = tracked().gallery;
    reopened.applyRemoteChanges({ cursor: 'c-2', changes: [echo] });
    expect(reopened.has('fs1_gone')).toBe(false);
    // The hall's deletion closes the matter: a later binding made at another terminal applies again.
    reopened.applyRemoteChanges({ cursor: 'c-3', changes: [{ subject: 'fs1_gone', op: 'delete' }, echo] });
    expect(reopened.has('fs1_gone')).toBe(true);
  });

  it('lets the citizen bind again after unbinding, and then keeps the hall’s echo as its own', () => {
    const rng = seededRng(13);
    const codec = new SealedHallTemplateCodec(hallKeys);
    const mine = randomTemplate(rng);
    const { gallery } = tracked();
    gallery.bind({ subject: 'fs1_back', template: mine, ...consent });
    gallery.unbind('fs1_back');
    gallery.bind({ subject: 'fs1_back', template: mine, ...consent });
    gallery.applyRemoteChanges({ cursor: 'c-1', changes: [{ subject: 'fs1_back', op: 'put', template: codec.encode('fs1_back', mine) }] });
    expect(gallery.has('fs1_back')).toBe(true);
    expect(gallery.consentsOf('fs1_back').map((c) => c.kind).sort()).toEqual(['share', 'store']);
    expect(gallery.identify(near(mine, rng), DEFAULT_IDENTIFY_POLICY).subject).toBe('fs1_back');
  });
});

describe('face services wiring', () => {
  it('opens face.db in the data directory, derives subject ids, and starts sessions without starting the engine', async () => {
    const { FaceServices, secureRandom } = await import('../../main/face/face-services');
    const services = new FaceServices({ dataDir: dir, keys: terminalKeys, hallKeys, clock: () => now });
    const subject = services.subjectIds.subjectFor('310101199003071234');
    services.gallery.bind({ subject, template: randomTemplate(seededRng(9)), ...consent, shareConsent: null });
    expect(readdirSync(dir)).toContain(FACE_DB_FILE);
    const flow = services.startFlow({ kind: 'identify' });
    expect(flow.finished).toBe(false);
    const r = secureRandom();
    expect(r).toBeGreaterThanOrEqual(0);
    expect(r).toBeLessThan(1);
    await services.close();
  });
});
