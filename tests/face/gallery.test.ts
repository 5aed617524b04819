// Over 300 lines: the gallery's behaviours on one real face.db, sharing its set-up.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { StaticKeyProvider } from '../../base/key-provider';
import { GalleryStore, FACE_DB_FILE } from '../../main/face/gallery/gallery-store';
import { FaceGallery, type FaceBoundEvent, type FaceUnboundEvent } from '../../main/face/gallery/face-gallery';
import { SealedHallTemplateCodec } from '../../main/face/gallery/hall-template-codec';
import { SubjectIdDeriver } from '../../main/face/gallery/subject-id';
import { DEFAULT_IDENTIFY_POLICY } from '../../common/face/decision-policy';
import { l2Normalize } from '../../common/face/matching';
import { seededRandom } from '../../base/prng';
import { leftovers } from './index-memory';

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
    const rng = seededRandom(1);
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
    expect(bound[0]!.boundAt).toBe(new Date(now).toISOString());
    const hallCopy = new SealedHallTemplateCodec(hallKeys).decode(subjects[0]!, bound[0]!.template, bound[0]!.boundAt);
    expect(Array.from(hallCopy)).toEqual(Array.from(templates[0]!));
    expect(() => new SealedHallTemplateCodec(terminalKeys).decode(subjects[0]!, bound[0]!.template, bound[0]!.boundAt)).toThrow();
    // The binding time is sealed with the template: a hub cannot pass it off as made at another time, or drop it.
    expect(() => new SealedHallTemplateCodec(hallKeys).decode(subjects[0]!, bound[0]!.template, new Date(now + 1).toISOString())).toThrow(/authentication/);
    expect(() => new SealedHallTemplateCodec(hallKeys).decode(subjects[0]!, bound[0]!.template)).toThrow(/authentication/);
  });

  it('refuses a binding without the consent to store', () => {
    const { gallery } = tracked();
    expect(() =>
      gallery.bind({ subject: 'fs1_abcdef', template: randomTemplate(seededRandom(2)), storeConsent: { textVersion: '' }, shareConsent: null }),
    ).toThrow(/consent/);
    expect(gallery.size).toBe(0);
  });

  it('refuses an identification too close to two subjects (margin)', () => {
    const rng = seededRandom(3);
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
    const rng = seededRandom(4);
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
    const rng = seededRandom(5);
    const { gallery } = tracked();
    const t = randomTemplate(rng);
    gallery.bind({ subject: 'fs1_leaving', template: t, ...consent });
    gallery.bind({ subject: 'fs1_staying', template: randomTemplate(rng), ...consent });
    expect(gallery.unbind('fs1_leaving')).toBe(true);
    expect(gallery.identify(t, DEFAULT_IDENTIFY_POLICY).subject).toBeNull();
    expect(gallery.consentsOf('fs1_leaving')).toEqual([]);
    expect(unbound).toEqual([{ subject: 'fs1_leaving' }]);
    // Nothing held here any more: the hall is told again all the same (its deletion is idempotent).
    expect(gallery.unbind('fs1_leaving')).toBe(false);
    expect(unbound).toEqual([{ subject: 'fs1_leaving' }, { subject: 'fs1_leaving' }]);
    expect(tracked().gallery.has('fs1_leaving')).toBe(false);
  });

  it('purges templates unused for the retention period, keeping those used recently, and never deletes hall-wide', () => {
    const rng = seededRandom(6);
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
    expect(tracked().gallery.has('fs1_old')).toBe(false);
    now += 366 * DAY;
    // Shared, but this terminal has not heard from the hall for the whole period: purged here only.
    expect(gallery.purgeExpired(365)).toBe(1);
    expect(gallery.size).toBe(0);
    expect(unbound).toEqual([]);
  });

  it('honours the hub command purge-subject, idempotently, and rejects malformed args', () => {
    const { gallery } = tracked();
    gallery.bind({ subject: 'fs1_purge', template: randomTemplate(seededRandom(7)), ...consent });
    expect(gallery.handlePurgeSubject({ subject: 'fs1_purge' })).toEqual({ purged: true });
    expect(gallery.handlePurgeSubject({ subject: 'fs1_purge' })).toEqual({ purged: false });
    expect(gallery.has('fs1_purge')).toBe(false);
    expect(() => gallery.handlePurgeSubject({})).toThrow(/purge-subject/);
    expect(() => gallery.handlePurgeSubject({ subject: "x'; DROP TABLE templates" })).toThrow(/purge-subject/);
  });

  it('applies hall changes from GET v1/gallery: puts, deletes, skips invalid ones, keeps the cursor', () => {
    const rng = seededRandom(8);
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

describe('the gallery’s memory', () => {
  it('keeps no row of a template deleted by unbinding, retention, purge-subject or the hall, and no probe after identifying', () => {
    const rng = seededRandom(9);
    const { gallery } = tracked();
    const codec = new SealedHallTemplateCodec(hallKeys);
    const t = Array.from({ length: 6 }, () => randomTemplate(rng));
    const clean = { strayBytes: 0, liveNotOnce: 0, goneFound: 0 };
    t.slice(0, 5).forEach((template, i) => gallery.bind({ subject: `fs1_memory${i}`, template, ...consent, shareConsent: null }));
    gallery.applyRemoteChanges({ cursor: 'c1', changes: [{ subject: 'fs1_fromhall', op: 'put', template: codec.encode('fs1_fromhall', t[5]!) }] });
    expect(leftovers(gallery.indexBytesForTests(), t)).toEqual(clean);

    const probe = near(t[3]!, rng);
    expect(gallery.identify(probe, DEFAULT_IDENTIFY_POLICY).subject).toBe('fs1_memory3');
    expect(leftovers(gallery.indexBytesForTests(), t, [probe])).toEqual(clean);

    expect(gallery.unbind('fs1_memory0')).toBe(true); // a row from the end moves into its place
    expect(leftovers(gallery.indexBytesForTests(), t.slice(1), [t[0]!])).toEqual(clean);
    expect(gallery.handlePurgeSubject({ subject: 'fs1_memory1' })).toEqual({ purged: true });
    expect(leftovers(gallery.indexBytesForTests(), t.slice(2), t.slice(0, 2))).toEqual(clean);
    gallery.applyRemoteChanges({ cursor: 'c2', changes: [{ subject: 'fs1_fromhall', op: 'delete' }] });
    expect(leftovers(gallery.indexBytesForTests(), t.slice(2, 5), [...t.slice(0, 2), t[5]!])).toEqual(clean);
    now += 400 * DAY;
    expect(gallery.purgeExpired(365)).toBe(3);
    expect(gallery.indexBytesForTests().every((bytes) => bytes.every((b) => b === 0))).toBe(true);
  });
});

describe('a citizen’s unbinding and the hall’s copy', () => {
  it('does not let the hall’s copy bring back a binding the citizen deleted, also after the hall’s deletion and a restart; a later binding applies', () => {
    const rng = seededRandom(12);
    const codec = new SealedHallTemplateCodec(hallKeys);
    const mine = randomTemplate(rng);
    const { gallery } = tracked();
    const boundAt = new Date(now).toISOString();
    gallery.bind({ subject: 'fs1_gone', template: mine, ...consent });
    now += 60_000;
    expect(gallery.unbind('fs1_gone')).toBe(true);
    // A pull answered before face.unbound reached the hub: the hall still lists the binding.
    const echo = { subject: 'fs1_gone', op: 'put', template: codec.encode('fs1_gone', mine, boundAt), boundAt };
    gallery.applyRemoteChanges({ cursor: 'c-1', changes: [echo] });
    expect(gallery.has('fs1_gone')).toBe(false);
    expect(gallery.identify(near(mine, rng), DEFAULT_IDENTIFY_POLICY).subject).toBeNull();
    // The hall's deletion, then a hub restored from a backup that lists the binding again, after a restart.
    const reopened = tracked().gallery;
    reopened.applyRemoteChanges({ cursor: 'c-2', changes: [{ subject: 'fs1_gone', op: 'delete' }] });
    reopened.applyRemoteChanges({ cursor: 'c-1', changes: [echo] });
    expect(reopened.has('fs1_gone')).toBe(false);
    // The same template claimed to be bound later does not open; one that does not say when it was bound is refused.
    const later = new Date(now + DAY).toISOString();
    expect(reopened.applyRemoteChanges({ cursor: 'c-3', changes: [{ ...echo, boundAt: later }] })).toEqual({ applied: 0, rejected: 1 });
    reopened.applyRemoteChanges({ cursor: 'c-3', changes: [{ subject: 'fs1_gone', op: 'put', template: codec.encode('fs1_gone', mine) }] });
    expect(reopened.has('fs1_gone')).toBe(false);
    // A binding the citizen made again later, at another terminal, applies.
    now += DAY;
    reopened.applyRemoteChanges({
      cursor: 'c-4',
      changes: [{ subject: 'fs1_gone', op: 'put', template: codec.encode('fs1_gone', mine, later), boundAt: later }],
    });
    expect(reopened.has('fs1_gone')).toBe(true);
  });

  it('keeps a tombstone for the retention period, and a restored hub’s copy bound before it is refused all that time', () => {
    const rng = seededRandom(14);
    const codec = new SealedHallTemplateCodec(hallKeys);
    const t = randomTemplate(rng);
    const { gallery } = tracked();
    const boundAt = new Date(now - DAY).toISOString();
    const stale = { subject: 'fs1_restored', op: 'put', template: codec.encode('fs1_restored', t, boundAt), boundAt };
    gallery.applyRemoteChanges({ cursor: '1', changes: [stale] });
    gallery.applyRemoteChanges({ cursor: '2', changes: [{ subject: 'fs1_restored', op: 'delete' }] });
    expect(gallery.tombstoneOf('fs1_restored')).toBe(now);
    now += 364 * DAY;
    expect(gallery.purgeExpired(365)).toBe(0);
    gallery.applyRemoteChanges({ cursor: '1', changes: [stale] });
    expect(gallery.has('fs1_restored')).toBe(false);
    now += 2 * DAY;
    gallery.purgeExpired(365);
    expect(gallery.tombstoneOf('fs1_restored')).toBeNull();
  });

  it('lets the citizen bind again after unbinding, and then keeps the hall’s echo as its own', () => {
    const rng = seededRandom(13);
    const codec = new SealedHallTemplateCodec(hallKeys);
    const mine = randomTemplate(rng);
    const { gallery } = tracked();
    gallery.bind({ subject: 'fs1_back', template: mine, ...consent });
    gallery.unbind('fs1_back');
    gallery.bind({ subject: 'fs1_back', template: mine, ...consent });
    gallery.applyRemoteChanges({ cursor: 'c-1', changes: [{ subject: 'fs1_back', op: 'put', template: codec.encode('fs1_back', mine) }] });
    expect(gallery.has('fs1_back')).toBe(true);
    expect(
      gallery
        .consentsOf('fs1_back')
        .map((c) => c.kind)
        .sort(),
    ).toEqual(['share', 'store']);
    expect(gallery.identify(near(mine, rng), DEFAULT_IDENTIFY_POLICY).subject).toBe('fs1_back');
  });
});

describe('face services wiring', () => {
  it('opens face.db in the data directory, derives subject ids, and starts sessions without starting the engine', async () => {
    const { FaceServices, secureRandom } = await import('../../main/face/face-services');
    const services = new FaceServices({ dataDir: dir, keys: terminalKeys, hallKeys, clock: () => now });
    const subject = services.subjectIds.subjectFor('310101199003071234');
    services.gallery.bind({ subject, template: randomTemplate(seededRandom(9)), ...consent, shareConsent: null });
    expect(readdirSync(dir)).toContain(FACE_DB_FILE);
    const flow = services.startFlow({ kind: 'identify' });
    expect(flow.finished).toBe(false);
    const r = secureRandom();
    expect(r).toBeGreaterThanOrEqual(0);
    expect(r).toBeLessThan(1);
    await services.close();
  });
});

describe('a page of hall changes, a switched-off face, and what deleting needs', () => {
  /** A terminal key that can be taken away (safeStorage unavailable, say). */
  class FlakyKeys extends StaticKeyProvider {
    broken = false;
    override getKey(): Buffer {
      if (this.broken) throw new Error('the data key is unavailable');
      return super.getKey();
    }
  }

  function galleryOn(keys: StaticKeyProvider): { gallery: FaceGallery; store: GalleryStore } {
    const store = new GalleryStore(path.join(dir, FACE_DB_FILE), keys);
    open.push(store);
    return {
      store,
      gallery: new FaceGallery({ store, hallCodec: new SealedHallTemplateCodec(hallKeys), clock: () => now, hooks: { onUnbound: (e) => unbound.push(e) } }),
    };
  }

  it('applies a page and its cursor in one transaction: a failure part-way leaves neither the page’s changes nor its cursor', () => {
    const rng = seededRandom(21);
    const codec = new SealedHallTemplateCodec(hallKeys);
    const keys = new FlakyKeys(randomBytes(32));
    const { gallery } = galleryOn(keys);
    const held = randomTemplate(rng);
    const incoming = randomTemplate(rng);
    gallery.applyRemoteChanges({ cursor: '1', changes: [{ subject: 'fs1_heldhere', op: 'put', template: codec.encode('fs1_heldhere', held) }] });
    const page = {
      cursor: '3',
      changes: [
        { subject: 'fs1_heldhere', op: 'delete' },
        { subject: 'fs1_incoming', op: 'put', template: codec.encode('fs1_incoming', incoming) },
      ],
    };

    keys.broken = true;
    expect(() => gallery.applyRemoteChanges(page)).toThrow(/unavailable/);
    keys.broken = false;
    expect(gallery.galleryCursor()).toBe('1');
    expect(gallery.has('fs1_heldhere')).toBe(true);
    expect(gallery.identify(near(held, rng), DEFAULT_IDENTIFY_POLICY).subject).toBe('fs1_heldhere');
    expect(gallery.processingRecordsOf('fs1_heldhere').filter((r) => r.event === 'deleted')).toEqual([]);

    expect(gallery.applyRemoteChanges(page)).toEqual({ applied: 2, rejected: 0 });
    expect(gallery.galleryCursor()).toBe('3');
    expect(gallery.identify(near(held, rng), DEFAULT_IDENTIFY_POLICY).subject).toBeNull();
    expect(gallery.identify(near(incoming, rng), DEFAULT_IDENTIFY_POLICY).subject).toBe('fs1_incoming');
  });

  it('with face off takes in the hall’s deletions but not its new bindings, and syncs from scratch once face is on again', () => {
    const rng = seededRandom(22);
    const codec = new SealedHallTemplateCodec(hallKeys);
    const { gallery } = tracked();
    const [a, b] = [randomTemplate(rng), randomTemplate(rng)];
    gallery.bind({ subject: 'fs1_local', template: randomTemplate(rng), ...consent, shareConsent: null });
    gallery.applyRemoteChanges({ cursor: '1', changes: [{ subject: 'fs1_hall_a', op: 'put', template: codec.encode('fs1_hall_a', a) }] });
    expect(gallery.resumeHallPuts()).toBe(false); // nothing was skipped

    const page = {
      cursor: '3',
      changes: [
        { subject: 'fs1_hall_a', op: 'delete' },
        { subject: 'fs1_hall_b', op: 'put', template: codec.encode('fs1_hall_b', b) },
      ],
    };
    expect(gallery.applyRemoteChanges(page, { acceptPuts: false })).toEqual({ applied: 2, rejected: 0 });
    expect(gallery.has('fs1_hall_a')).toBe(false);
    expect(gallery.has('fs1_hall_b')).toBe(false);
    expect(gallery.galleryCursor()).toBe('3');

    // Face on again: hall copies are dropped and the cursor forgotten, the local binding stays.
    gallery.applyRemoteChanges({ cursor: '4', changes: [] }, { acceptPuts: false });
    expect(gallery.resumeHallPuts()).toBe(true);
    expect(gallery.galleryCursor()).toBeNull();
    expect(gallery.has('fs1_local')).toBe(true);
    gallery.applyRemoteChanges({ cursor: '4', changes: [{ subject: 'fs1_hall_b', op: 'put', template: codec.encode('fs1_hall_b', b) }] });
    expect(gallery.identify(near(b, rng), DEFAULT_IDENTIFY_POLICY).subject).toBe('fs1_hall_b');
    expect(gallery.resumeHallPuts()).toBe(false);
  });

  it('deletes, purges and applies the hall’s deletions without opening a single template', () => {
    const rng = seededRandom(23);
    const keys = new FlakyKeys(randomBytes(32));
    const first = galleryOn(keys);
    ['fs1_del_citizen', 'fs1_del_purged', 'fs1_del_hall', 'fs1_del_old', 'fs1_del_rest'].forEach((subject) =>
      first.gallery.bind({ subject, template: randomTemplate(rng), ...consent }),
    );
    // A new gallery on the same file (face switched off at the next start), with no key to open templates.
    keys.broken = true;
    const { gallery } = galleryOn(keys);
    expect(gallery.unbind('fs1_del_citizen')).toBe(true);
    expect(gallery.handlePurgeSubject({ subject: 'fs1_del_purged' })).toEqual({ purged: true });
    expect(gallery.applyRemoteChanges({ cursor: '9', changes: [{ subject: 'fs1_del_hall', op: 'delete' }] })).toEqual({ applied: 1, rejected: 0 });
    now += 400 * DAY;
    expect(gallery.purgeExpired(365)).toBe(2);
    expect(gallery.size).toBe(0);
    // Retention purges here only; the citizen's deletion goes to the hall.
    expect(unbound.map((e) => e.subject)).toEqual(['fs1_del_citizen']);
  });
});
