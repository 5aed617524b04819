import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { StaticKeyProvider } from '../../base/key-provider';
import { FACE_DB_FILE, GalleryStore } from '../../main/face/gallery/gallery-store';
import { FaceGallery } from '../../main/face/gallery/face-gallery';
import { SealedHallTemplateCodec } from '../../main/face/gallery/hall-template-codec';
import { l2Normalize } from '../../common/face/matching';
import { testSeed } from '../helpers/seed';
import { seededRandom } from '../../base/prng';

const DAY = 86_400_000;
const consent = { storeConsent: { textVersion: 'face-store-v3' }, shareConsent: null };
const hallKeys = new StaticKeyProvider(randomBytes(32));
const randomTemplate = (rng: () => number) => l2Normalize(Float32Array.from({ length: 128 }, () => rng() - 0.5));

let dir: string;
let now: number;
let store: GalleryStore;
let gallery: FaceGallery;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'face-wal-'));
  now = Date.UTC(2026, 0, 10);
  store = new GalleryStore(path.join(dir, FACE_DB_FILE), new StaticKeyProvider(randomBytes(32)));
  gallery = new FaceGallery({ store, hallCodec: new SealedHallTemplateCodec(hallKeys), clock: () => now });
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The sealed template of a subject as face.db holds it (read on a second connection, closed at once). */
function sealedOf(subject: string): Buffer {
  const db = new Database(path.join(dir, FACE_DB_FILE), { readonly: true });
  try {
    return (db.prepare('SELECT sealed FROM templates WHERE subject = ?').get(subject) as { sealed: Buffer }).sealed;
  } finally {
    db.close();
  }
}

const wal = () => {
  const file = path.join(dir, `${FACE_DB_FILE}-wal`);
  return existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
};
const files = () => Buffer.concat([readFileSync(path.join(dir, FACE_DB_FILE)), wal()]);
/** 64 bytes of the sealed template's ciphertext (past version, nonce and tag). */
const fingerprintOf = (sealed: Buffer) => sealed.subarray(29, 93);

describe('a deleted template leaves no copy in face.db-wal while the terminal runs', () => {
  it.each([
    ['the citizen’s unbinding', (s: string) => void gallery.unbind(s)],
    ['a hub purge-subject command', (s: string) => void gallery.handlePurgeSubject({ subject: s })],
    ['the hall’s deletion', (s: string) => void gallery.applyRemoteChanges({ cursor: '9', changes: [{ subject: s, op: 'delete' }] })],
    ['staff deleting every template', () => void gallery.deleteAll()],
    [
      'the retention purge',
      () => {
        now += 400 * DAY;
        gallery.purgeExpired(365);
      },
    ],
    [
      'a new binding replacing it',
      (s: string) => gallery.bind({ subject: s, template: randomTemplate(seededRandom(testSeed('FACE_WAL_SEED') + 1)), ...consent }),
    ],
  ])('after %s', (_name, remove) => {
    const rng = seededRandom(testSeed('FACE_WAL_SEED'));
    const subject = 'fs1_walgone';
    gallery.bind({ subject, template: randomTemplate(rng), ...consent });
    const sealed = fingerprintOf(sealedOf(subject));
    expect(wal().indexOf(sealed)).toBeGreaterThanOrEqual(0);

    remove(subject);

    expect(files().indexOf(sealed)).toBe(-1);
  });
});
