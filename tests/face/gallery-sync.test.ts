import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { StaticKeyProvider } from '../../base/key-provider';
import { SealedHallTemplateCodec } from '../../main/face/gallery/hall-template-codec';
import { l2Normalize } from '../../common/face/matching';
import { startCannedHub, type CannedHub } from '../offline-queue/canned-hub';
import { testSeed } from '../helpers/seed';
import { seededRandom } from '../../base/prng';
import { startFaceTerminal, type FaceTerminal } from './face-terminal';

const randomTemplate = (rng: () => number) => l2Normalize(Float32Array.from({ length: 128 }, () => rng() - 0.5));
const local = { storeConsent: { textVersion: 'face-store-v3' }, shareConsent: null };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function terminalOn(hub: CannedHub, hallKey: Buffer): Promise<FaceTerminal> {
  const t = await startFaceTerminal({ id: 'T-0001', hubUrl: hub.url, secret: 'T-0001-secret-0123456789', hallKey });
  cleanups.push(() => t.stop());
  return t;
}

describe('the terminal’s gallery pull reads the hub’s answer with its schema', () => {
  it('applies the changes it can use, skips the ones it cannot, and a bad one never holds back a deletion behind it', async () => {
    const rng = seededRandom(testSeed('GALLERY_SYNC_SEED'));
    const hallKey = randomBytes(32);
    const hub = await startCannedHub();
    cleanups.push(() => hub.close());
    hub.answer('v1/gallery', 200, JSON.stringify({ cursor: '0', changes: [] }));
    const t = await terminalOn(hub, hallKey);
    const codec = new SealedHallTemplateCodec(new StaticKeyProvider(hallKey));
    const held = t.subjectOf('resident');
    const incoming = t.subjectOf('hk-mo-tw-permit');
    t.gallery().bind({ subject: held, template: randomTemplate(rng), ...local });

    hub.answer(
      'v1/gallery',
      200,
      JSON.stringify({
        cursor: '7',
        changes: [
          { subject: 'fs1_sealed_for_another', op: 'put', template: codec.encode(incoming, randomTemplate(rng)) },
          { op: 'explode' },
          { subject: 'x', op: 'delete' },
          { subject: held, op: 'delete' },
          { subject: incoming, op: 'put', template: codec.encode(incoming, randomTemplate(rng)) },
        ],
      }),
    );
    const result = await t.face.syncGallery();
    expect(result.rejected).toBeGreaterThanOrEqual(3);
    expect(t.gallery().has(held)).toBe(false);
    expect(t.gallery().has(incoming)).toBe(true);
    expect(t.gallery().has('fs1_sealed_for_another')).toBe(false);
    expect(t.gallery().galleryCursor()).toBe('7');
  }, 60_000);

  it.each([
    ['changes not a list', { cursor: '8', changes: 'none' }],
    ['no cursor', { changes: [] }],
    ['a numeric cursor', { cursor: 8, changes: [] }],
    ['null', null],
    ['an extra level', { gallery: { cursor: '8', changes: [] } }],
  ])(
    'treats an answer that does not fit the protocol (%s) as the hub being unavailable: nothing applied, the cursor kept',
    async (_name, body) => {
      const rng = seededRandom(testSeed('GALLERY_SYNC_SEED'));
      const hallKey = randomBytes(32);
      const hub = await startCannedHub();
      cleanups.push(() => hub.close());
      hub.answer('v1/gallery', 200, JSON.stringify({ cursor: '5', changes: [] }));
      const t = await terminalOn(hub, hallKey);
      const subject = t.subjectOf('resident');
      t.gallery().bind({ subject, template: randomTemplate(rng), ...local });
      await t.face.syncGallery();
      expect(t.gallery().galleryCursor()).toBe('5');

      hub.answer('v1/gallery', 200, JSON.stringify(body));
      expect(await t.face.syncGallery()).toEqual({ pages: 0, applied: 0, rejected: 0, complete: false });
      expect(t.gallery().galleryCursor()).toBe('5');
      expect(t.gallery().has(subject)).toBe(true);
    },
    60_000,
  );
});
