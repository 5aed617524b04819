// One simulated citizen through the core's RPC, as the renderer drives it: identified by ID card
// (or by face), the service menu, a ticket, sometimes a form, a rating, the session's end. Every
// answer is judged: what the hall's disturbances explain (paper out, hub down) is expected; any
// other refusal or failure is unexpected and counted by its kind.
import { randomUUID } from 'node:crypto';
import type { RpcResult } from '../../common/rpc/contract';
import { RATING_REASONS } from '../../common/rpc/contract';
import type { KioskCore } from '../../main/core/create-kiosk-core';
import type { IdCardEmulatorHost } from '../../devices/emulators/id-card/emulator-host';
import { faceSession, type LiveFaceFrames } from '../../testing/camera/live-face-session';

const LANGS = ['zh-CN', 'zh-HK', 'en'] as const;
const CARD_READ_TIMEOUT_MS = 20_000;
const DISTRICTS = ['tianhe', 'yuexiu', 'haizhu', 'baiyun', 'panyu'];
const HOUSING = ['rented', 'owned', 'employer'];

export type JourneyKind = 'card' | 'card+form' | 'face';

export interface JourneyPlan {
  kind: JourneyKind;
  cardId: string;
  serviceCode: string;
  lang: (typeof LANGS)[number];
  rating: number;
  reasons: string[];
  phone: string;
  district: string;
  housing: string;
}

/** Draws one citizen's journey from the seeded generator. */
export function planJourney(rng: () => number, o: { faceShare: number; formShare: number; cardIds: string[]; ticketServices: string[] }): JourneyPlan {
  const face = rng() < o.faceShare;
  // Forms are filled from the ID card, so the form share is drawn among card journeys.
  const form = !face && rng() < o.formShare / (1 - o.faceShare);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rng() * list.length)]!;
  const rating = 1 + Math.floor(rng() * 5);
  return {
    kind: face ? 'face' : form ? 'card+form' : 'card',
    cardId: pick(o.cardIds),
    serviceCode: pick(o.ticketServices),
    lang: pick(LANGS),
    rating,
    reasons: rating <= 2 ? [pick(RATING_REASONS)] : [],
    phone: `1${3 + Math.floor(rng() * 7)}${String(Math.floor(rng() * 1e9)).padStart(9, '0')}`,
    district: pick(DISTRICTS),
    housing: pick(HOUSING),
  };
}

/** Counts of outcomes by kind, expected or not, with the first few messages of each unexpected kind. */
export class Tally {
  readonly expected = new Map<string, number>();
  readonly unexpected = new Map<string, number>();
  readonly examples = new Map<string, string[]>();
  readonly counts = new Map<string, number>();

  count(what: string): void {
    this.counts.set(what, (this.counts.get(what) ?? 0) + 1);
  }

  expect(kind: string): void {
    this.expected.set(kind, (this.expected.get(kind) ?? 0) + 1);
  }

  fail(kind: string, message: string): void {
    this.unexpected.set(kind, (this.unexpected.get(kind) ?? 0) + 1);
    const list = this.examples.get(kind) ?? [];
    if (list.length < 3) list.push(message.slice(0, 300));
    this.examples.set(kind, list);
  }

  get unexpectedTotal(): number {
    let n = 0;
    for (const v of this.unexpected.values()) n += v;
    return n;
  }
}

export interface JourneyWorld {
  core: KioskCore;
  card: IdCardEmulatorHost;
  face: LiveFaceFrames;
  /** Whether the hub was down, or the printer out of paper, at any moment of [t0, t1] (performance.now()). */
  hubDown(t0: number, t1: number): boolean;
  paperOut(t0: number, t1: number): boolean;
  tally: Tally;
  /** Every ticket a citizen got: `${serviceCode} ${number} ${issuedAt}`. */
  tickets: string[];
  /** The submission ids of the forms the core accepted. */
  forms: string[];
  ratings: number;
  /** Frames sent and time taken by each face identification. */
  faceSessions: { frames: number; ms: number }[];
  /** Milliseconds of each step of every journey, by step. */
  stepMs: Map<string, number[]>;
}

/** Runs one step of a journey and records how long it took. */
async function timed<T>(world: JourneyWorld, step: string, run: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await run();
  } finally {
    const list = world.stepMs.get(step) ?? [];
    list.push(performance.now() - t0);
    world.stepMs.set(step, list);
  }
}

type Invoke = (method: string, input: unknown) => Promise<RpcResult>;

function errorOf(r: RpcResult): { code: string; message: string } {
  return r.ok ? { code: 'ok', message: '' } : { code: r.error.code, message: r.error.message };
}

/**
 * Lays the card and resolves once the core has read it; rejects when the reader refused it or
 * nothing came. Told that the read broke off, the citizen lifts the card and lays it down again
 * (at most twice), as the screen asks.
 */
async function layCard(world: JourneyWorld, cardId: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const outcome = await layCardOnce(world, cardId);
    if (outcome === 'read') return;
    world.tally.expect('card: read broke off, laid down again as asked');
    if (attempt === 3) throw new Error('card read broke off three times in a row');
    world.card.emulator.remove();
  }
}

function layCardOnce(world: JourneyWorld, cardId: string): Promise<'read' | 'interrupted'> {
  return new Promise((resolve, reject) => {
    const done = (outcome: 'read' | 'interrupted' | Error) => {
      clearTimeout(timer);
      off();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const off = world.core.subscribe((event, payload) => {
      if (event === 'identity.changed' && (payload as { kind: string }).kind === 'identified') done('read');
      if (event === 'idcard.read-failed') {
        const reason = (payload as { reason: string }).reason;
        done(reason === 'read-interrupted' ? 'interrupted' : new Error(`card refused by the reader: ${reason}`));
      }
    });
    const timer = setTimeout(() => done(new Error(`card not read within ${CARD_READ_TIMEOUT_MS} ms`)), CARD_READ_TIMEOUT_MS);
    world.card.emulator.place(cardId);
  });
}

/** Runs one journey; never throws (every failure is tallied). */
export async function runJourney(world: JourneyWorld, plan: JourneyPlan): Promise<void> {
  const { tally } = world;
  const invoke: Invoke = (method, input) => world.core.invoke(method, input);
  tally.count(`journey:${plan.kind}`);
  try {
    await identify(world, plan, invoke);
    const catalog = await timed(world, 'catalog.get', () => invoke('catalog.get', {}));
    if (!catalog.ok) tally.fail('catalog.get', errorOf(catalog).message);

    await timed(world, 'ticket.take', () => takeTicket(world, plan, invoke));
    if (plan.kind === 'card+form') await timed(world, 'form (start + submit)', () => fillForm(world, plan, invoke));

    const rating = await timed(world, 'rating.submit', () =>
      invoke('rating.submit', { serviceCode: plan.serviceCode, rating: plan.rating, reasons: plan.reasons }),
    );
    if (rating.ok) world.ratings++;
    else tally.fail(`rating.submit:${errorOf(rating).code}`, errorOf(rating).message);
  } catch (err) {
    tally.fail('journey:threw', (err as Error).stack ?? String(err));
  } finally {
    const reset = await timed(world, 'session.reset', () => invoke('session.reset', { reason: 'done' }));
    if (!reset.ok) tally.fail(`session.reset:${errorOf(reset).code}`, errorOf(reset).message);
  }
}

async function identify(world: JourneyWorld, plan: JourneyPlan, invoke: Invoke): Promise<void> {
  if (plan.kind === 'face') {
    const outcome = await timed(world, 'face identify', () => faceSession(invoke, world.face, { mode: 'identify' }));
    world.faceSessions.push({ frames: outcome.frames, ms: outcome.ms });
    if (outcome.result?.kind === 'identified') return;
    // Not recognised: the screen offers the ID card, and the citizen uses it.
    world.tally.fail(
      `face:${outcome.result?.kind ?? 'no-result'}${outcome.result?.kind === 'failed' ? `:${outcome.result.reason}` : ''}`,
      `after ${outcome.frames} frames`,
    );
  }
  try {
    await timed(world, 'card laid → identified', () => layCard(world, plan.cardId));
  } finally {
    // The citizen takes the card back at once: the identity lasts for the session.
    world.card.emulator.remove();
  }
}

async function takeTicket(world: JourneyWorld, plan: JourneyPlan, invoke: Invoke): Promise<void> {
  const t0 = performance.now();
  const r = await invoke('ticket.take', { serviceCode: plan.serviceCode, lang: plan.lang });
  const t1 = performance.now();
  const { tally } = world;
  if (r.ok) {
    const t = r.output as { number: string; issuedAt: string; mode: string; printed: boolean };
    world.tickets.push(`${plan.serviceCode} ${t.number} ${t.issuedAt}`);
    tally.count(`ticket:${t.mode}`);
    if (t.printed) return;
    if (world.paperOut(t0, t1)) tally.expect('ticket: issued, not printed (paper ran out)');
    else tally.fail('ticket:not-printed', `ticket ${t.mode} not printed with paper in the printer`);
    return;
  }
  const { code, message } = errorOf(r);
  if (code === 'not-ready' && world.paperOut(t0, t1)) tally.expect('ticket: refused up front (paper out)');
  else if (code === 'unavailable' && world.hubDown(t0, t1)) tally.expect('ticket: no number (hub down, lease used up)');
  else tally.fail(`ticket.take:${code}`, message);
}

async function fillForm(world: JourneyWorld, plan: JourneyPlan, invoke: Invoke): Promise<void> {
  const { tally } = world;
  const started = await invoke('form.start', { serviceCode: 'R1' });
  if (!started.ok) {
    tally.fail(`form.start:${errorOf(started).code}`, errorOf(started).message);
    return;
  }
  const submissionId = randomUUID();
  const t0 = performance.now();
  const r = await invoke('form.submit', {
    serviceCode: 'R1',
    values: { phone: plan.phone, district: plan.district, housing: plan.housing },
    signatures: {
      signature: {
        width: 600,
        height: 240,
        strokes: [
          [
            [40, 180],
            [90, 60],
            [140, 170],
            [200, 80],
          ],
          [
            [260, 120],
            [380, 130],
          ],
        ],
      },
    },
    lang: plan.lang,
    submissionId,
  });
  const t1 = performance.now();
  if (!r.ok) {
    const { code, message } = errorOf(r);
    if (code === 'not-ready' && world.paperOut(t0, t1)) tally.expect('form: refused before storing (paper out)');
    else tally.fail(`form.submit:${code}`, message);
    return;
  }
  const out = r.output as { outcome: string; printed?: boolean; problems?: unknown };
  if (out.outcome !== 'submitted') {
    tally.fail('form.submit:refused', JSON.stringify(out.problems));
    return;
  }
  world.forms.push(submissionId);
  tally.count('form:submitted');
  if (!out.printed) {
    if (world.paperOut(t0, t1)) tally.expect('form: stored, receipt not printed (paper ran out)');
    else tally.fail('form:not-printed', 'receipt not printed with paper in the printer');
  }
}
