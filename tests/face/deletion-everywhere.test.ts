import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { HUB_DB_FILE } from '../../hub/hub-db';
import { readHubAnswer } from '../../offline-queue/hub-answers';
import { galleryAnswerSchema } from '../../common/hub-protocol/answers';
import { DEFAULT_IDENTIFY_POLICY } from '../../common/face/decision-policy';
import { l2Normalize } from '../../common/face/matching';
import { runKioskctl } from '../helpers/kioskctl';
import { testSeed } from '../helpers/seed';
import { seededRandom } from '../../base/prng';
import { startHall, type FaceTerminal } from './face-terminal';

const TERMINALS = ['T-A', 'T-B', 'T-C'];
const consent = { storeConsent: { textVersion: 'face-store-v3' }, shareConsent: { textVersion: 'face-share-v2' } };

const randomTemplate = (rng: () => number) => l2Normalize(Float32Array.from({ length: 128 }, () => rng() - 0.5));
/** The same face seen again: well within the identify threshold. */
const near = (t: Float32Array, rng: () => number) => Float32Array.from(t, (v) => v + (rng() - 0.5) * 0.012);

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const hall = () => startHall(TERMINALS, cleanups);

/** hub.db and its WAL as bytes: what a copy of the hub's disk would show. */
function hubFiles(hubDir: string): Buffer {
  return Buffer.concat(
    [HUB_DB_FILE, `${HUB_DB_FILE}-wal`]
      .map((f) => path.join(hubDir, f))
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f)),
  );
}

/** What a terminal syncing from scratch is sent: the first page of GET v1/gallery without a cursor. */
async function fromScratch(t: FaceTerminal) {
  const r = readHubAnswer(await t.queue.client.get('v1/gallery'), galleryAnswerSchema, 'GET v1/gallery');
  if (r.kind !== 'answer') throw new Error(`GET v1/gallery: ${r.kind}`);
  return r.value;
}

describe('a citizen’s deletion reaches the hub and every terminal of the hall', () => {
  it('bind and share on A, identify on B, delete on A: the hub keeps no template or binding payload, B forgets within one sync, a new terminal receives nothing, and the hub reports B until it pulls', async () => {
    const rng = seededRandom(testSeed('FACE_DELETION_SEED'));
    const { hub, hubDir, terminal } = await hall();
    const a = await terminal('T-A');
    const b = await terminal('T-B');
    const subject = a.subjectOf('resident');
    expect(b.subjectOf('resident')).toBe(subject); // one hall key, one pseudonym
    const template = randomTemplate(rng);

    // Bind and share on A; the binding reaches the hub.
    a.gallery().bind({ subject, template, ...consent });
    await a.queue.engine.syncNow();
    const boundItem = (hub.store.dump(true).items as { kind: string; payload: { template?: string } }[]).find((i) => i.kind === 'face.bound')!;
    const hallSealed = boundItem.payload.template!;
    expect(hallSealed).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    expect(hub.store.dump().galleryTemplates).toBe(1);

    // B pulls and identifies the citizen through its own gallery.
    // (B's own pull at its start may already have brought it: what counts is that B has it now.)
    expect(await b.face.syncGallery()).toMatchObject({ rejected: 0, complete: true });
    expect(b.gallery().has(subject)).toBe(true);
    expect(b.gallery().identify(near(template, rng), DEFAULT_IDENTIFY_POLICY).subject).toBe(subject);

    // The citizen deletes their face on A, with the ID card.
    await a.placeCard('resident');
    expect(await a.core.invoke('face.unbind', {})).toMatchObject({ ok: true, output: { removed: true, hallNotified: true } });
    a.removeCard();
    await a.queue.engine.syncNow();

    // The hub holds no template and no binding payload of the subject.
    const dump = hub.store.dump(true);
    expect(dump.galleryTemplates).toBe(0);
    const faceItems = (dump.items as { kind: string; payload: unknown }[]).filter((i) => i.kind === 'face.bound');
    expect(faceItems).toEqual([expect.objectContaining({ payload: { erased: true, erasedAt: expect.any(String) } })]);
    expect(hub.store.db.prepare("SELECT COUNT(*) AS n FROM gallery WHERE op = 'put' OR template IS NOT NULL").get()).toEqual({ n: 0 });
    expect(hubFiles(hubDir).indexOf(Buffer.from(hallSealed.slice(0, 64)))).toBe(-1);

    // B had the template and has not pulled since: the hub says so, and so does kioskctl.
    expect(hub.store.faceGallery.pendingDeletions()).toEqual([
      { cursor: expect.any(Number), deletedAt: expect.any(String), confirmed: [], unconfirmed: [{ terminalId: 'T-B', lastPullAt: expect.any(String) }] },
    ]);
    const report = await runKioskctl(['hub', 'face-deletions', '--data', hubDir, '--json']);
    expect(report.code, report.stderr).toBe(3);
    expect((JSON.parse(report.stdout) as { pending: { unconfirmed: { terminalId: string }[] }[] }).pending[0]!.unconfirmed.map((u) => u.terminalId)).toEqual([
      'T-B',
    ]);

    // A third terminal syncing from scratch now receives nothing of the subject: no put, no template, no delete.
    const c = await terminal('T-C');
    expect(JSON.stringify(await fromScratch(c))).not.toContain(subject);
    expect(c.gallery().has(subject)).toBe(false);

    // B cannot identify the citizen after one sync, and its pull confirmed the deletion.
    expect(await b.face.syncGallery()).toMatchObject({ complete: true });
    expect(b.gallery().has(subject)).toBe(false);
    expect(b.gallery().identify(near(template, rng), DEFAULT_IDENTIFY_POLICY).subject).toBeNull();
    expect(hub.store.faceGallery.pendingDeletions()).toEqual([]);
    expect(hub.store.dump().galleryDeletions).toEqual({ completed: 1, pending: [] });
    expect(hub.store.db.prepare('SELECT COUNT(*) AS n FROM gallery WHERE subject = ?').get(subject)).toEqual({ n: 0 });
    const confirmed = await runKioskctl(['hub', 'face-deletions', '--data', hubDir]);
    expect(confirmed.code, confirmed.stderr).toBe(0);
    expect(confirmed.stdout).toContain('every face deletion is confirmed');

    // Still nothing for a terminal from scratch, and the processing records of both terminals are at the hub.
    expect((await fromScratch(c)).changes).toEqual([]);
    await b.queue.engine.syncNow();
    const records = (hub.store.dump(true).processingRecords as { terminalId: string; subject: string; event: string; detail: Record<string, string> }[]).filter(
      (r) => r.subject === subject,
    );
    // Each terminal's in its own order (the two terminals' records reach the hub interleaved).
    const ofTerminal = (id: string) => records.filter((r) => r.terminalId === id).map((r) => `${r.event} ${Object.values(r.detail)[0] ?? ''}`.trim());
    expect(ofTerminal('T-A')).toEqual([
      'consent-given store',
      'consent-given share',
      'bound',
      'shared',
      'consent-withdrawn store',
      'consent-withdrawn share',
      'deleted citizen',
    ]);
    expect(ofTerminal('T-B')).toEqual(['received', 'used', 'deleted hall']);
    expect(records).toHaveLength(10);
  }, 90_000);
});
