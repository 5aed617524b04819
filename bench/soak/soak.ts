// Over 300 lines: the soak run's command line, its loop and its final report.
// npm run soak [-- --journeys N --seed S …]: the kiosk keeps working for days.
//
// The whole core on the embedded defaults (bootKiosk in a temp data directory: ID card reader and
// receipt printer emulated on real ptys through socat, the local reference hub on loopback) serves
// N simulated citizens through the RPC, while the hub goes down and comes back and the printer runs
// out of paper. Prints the journeys done, errors by kind (expected vs unexpected), the outbox
// against what the hub stored after a final drain, RSS and open descriptors along the way, and the
// event loop's delay. Exits 1 when anything unexpected happened or a verdict fails.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { randomInt } from 'node:crypto';
import { bootKiosk, type BootedKiosk } from '../../main/host/boot';
import type { RpcResult } from '../../common/rpc/contract';
import { citizenPool } from './citizens';
import { seededRandom } from '../../base/prng';
import { bindStart, faceSession, prepareLiveFace, type LiveFaceFrames } from '../../testing/camera/live-face-session';
import { HubOutages, PaperOuts, parseSpan } from './disturbances';
import { planJourney, runJourney, Tally, type JourneyWorld } from './journey';
import { LOOP_RESOLUTION_MS, ResourceMonitor, formatSample, type ResourceSample } from './resources';
import { reconcile, reconciliationProblems } from './reconcile';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const GROWTH_LIMIT_MIB = 50;
/** Time the face journeys of a default run may take together; the face share shrinks to fit it. */
const FACE_BUDGET_S = 600;
const DRAIN_TIMEOUT_MS = 300_000;

const { values: args } = parseArgs({
  options: {
    journeys: { type: 'string', default: '10000' },
    seed: { type: 'string' },
    'face-share': { type: 'string' },
    'form-share': { type: 'string', default: '0.1' },
    citizens: { type: 'string', default: '200' },
    'card-poll-ms': { type: 'string', default: '100' },
    'hub-every': { type: 'string', default: '120-240' },
    'hub-down': { type: 'string', default: '20-45' },
    'paper-every': { type: 'string', default: '60-150' },
    'paper-out': { type: 'string', default: '5-15' },
    'face-photo': { type: 'string', default: path.resolve(REPO_ROOT, '..', 'shared', 'data', 'faces', 'img10.jpg') },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

if (args.help) {
  console.log(`npm run soak -- [options]
  --journeys N         citizens served (default 10000)
  --seed S             the run's seed (default SOAK_SEED, else random; printed)
  --face-share F       share of journeys identified by face (default 1/20, less if face sessions are slow: see the output)
  --form-share F       share of journeys that also submit a form (default 0.1)
  --citizens N         distinct generated ID cards (default 200, plus the emulator's 4 samples)
  --card-poll-ms MS    the ID card reader's poll interval, devices.idCard.pollIntervalMs (default 100,
                       the setting's minimum; the shipped default 300 makes each card read ~0.2 s longer)
  --hub-every A-B      seconds between hub outages (default 120-240)
  --hub-down A-B       seconds each outage lasts (default 20-45)
  --paper-every A-B    seconds between paper running out (default 60-150)
  --paper-out A-B      seconds until the paper is refilled (default 5-15)
  --face-photo FILE    the photo the face citizen is made from
  --keep               keep the data directory`);
  process.exit(0);
}

function positiveInt(text: string, what: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${what} must be a positive integer (got "${text}")`);
  return n;
}

function share(text: string, what: string): number {
  const n = Number(text);
  if (!(n >= 0 && n <= 1)) throw new Error(`${what} must be a number from 0 to 1 (got "${text}")`);
  return n;
}

const JOURNEYS = positiveInt(args.journeys, '--journeys');
const SEED = positiveInt(args.seed ?? process.env.SOAK_SEED ?? String(randomInt(1, 2 ** 31)), '--seed');
const FORM_SHARE = share(args['form-share'], '--form-share');
const CARD_POLL_MS = positiveInt(args['card-poll-ms'], '--card-poll-ms');
const hubEvery = parseSpan(args['hub-every'], '--hub-every');
const hubDown = parseSpan(args['hub-down'], '--hub-down');
const paperEvery = parseSpan(args['paper-every'], '--paper-every');
const paperOut = parseSpan(args['paper-out'], '--paper-out');

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);

/** Resolves once `check` holds, checking again on every core event (device states, …). */
function when(kiosk: BootedKiosk, what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    let checking = false;
    let eventWhileChecking = false;
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      off();
      if (err) reject(err);
      else resolve();
    };
    const probe = () => {
      if (settled) return;
      if (checking) {
        eventWhileChecking = true;
        return;
      }
      checking = true;
      eventWhileChecking = false;
      check()
        .then((ok) => ok && finish())
        .catch((err: Error) => finish(err))
        .finally(() => {
          checking = false;
          // Something changed while the check ran: check again, or its answer may be stale.
          if (eventWhileChecking) probe();
        });
    };
    const off = kiosk.core.subscribe(() => probe());
    const timer = setTimeout(() => finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
    probe();
  });
}

function output<T>(r: RpcResult, what: string): T {
  if (!r.ok) throw new Error(`${what}: ${r.error.code}: ${r.error.message}`);
  return r.output as T;
}

async function identifiedByCard(kiosk: BootedKiosk, cardId: string): Promise<void> {
  const read = when(
    kiosk,
    `card ${cardId} read`,
    async () => output<{ identity: string }>(await kiosk.core.invoke('face.status', {}), 'face.status').identity === 'card',
  );
  kiosk.embedded.idCardEmulator!.emulator.place(cardId);
  try {
    await read;
  } finally {
    kiosk.embedded.idCardEmulator!.emulator.remove();
  }
}

/** Error-level records of the kiosk's logs (kiosk.log, and kiosk-DAY.log when the run crossed midnight), by message. */
function logErrors(dataDir: string): Map<string, number> {
  const counts = new Map<string, number>();
  const logDir = path.join(dataDir, 'logs');
  const files = readdirSync(logDir).filter((f) => /^kiosk.*\.log$/.test(f));
  const lines = files.flatMap((f) => readFileSync(path.join(logDir, f), 'utf8').split('\n'));
  for (const line of lines) {
    if (!line) continue;
    try {
      const r = JSON.parse(line) as { level: number; msg?: string };
      if (r.level >= 50) counts.set(r.msg ?? '(no message)', (counts.get(r.msg ?? '(no message)') ?? 0) + 1);
    } catch {
      counts.set('(unparsable log line)', (counts.get('(unparsable log line)') ?? 0) + 1);
    }
  }
  return counts;
}

async function main(): Promise<number> {
  console.log(`soak: ${JOURNEYS} journeys, seed ${SEED} (repeat with --seed ${SEED} or SOAK_SEED=${SEED})`);
  const rng = seededRandom(SEED);
  const monitor = new ResourceMonitor();

  const facePrep0 = performance.now();
  const live: LiveFaceFrames = await prepareLiveFace(args['face-photo']);
  console.log(`face: live frames made from ${path.basename(args['face-photo'])} in ${((performance.now() - facePrep0) / 1000).toFixed(1)} s`);

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-soak-'));
  // The embedded defaults but for the reader's poll interval: a card journey otherwise waits most of
  // its time for the next poll (the terminal is idle meanwhile; a real citizen takes seconds anyway).
  writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify({ devices: { idCard: { pollIntervalMs: CARD_POLL_MS } } }), { mode: 0o600 });
  const boot0 = performance.now();
  const kiosk = await bootKiosk({ dataDir, shell: 'headless' });
  const card = kiosk.embedded.idCardEmulator;
  const printer = kiosk.embedded.virtualPrinter;
  const embeddedHub = kiosk.hub.embedded;
  if (!card || !printer || !embeddedHub) {
    await kiosk.stop();
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error('the embedded defaults did not start (emulated ID card reader, virtual printer, local hub): is socat installed?');
  }
  const tally = new Tally();
  const outages = new HubOutages({
    hub: embeddedHub.hub,
    dataDir,
    terminalId: embeddedHub.terminalId,
    assetsDir: path.join(REPO_ROOT, 'assets'),
    every: hubEvery,
    down: hubDown,
    rng: seededRandom(SEED + 1),
    onError: (err) => tally.fail('soak:hub-restart', (err as Error).stack ?? String(err)),
  });
  const paper = new PaperOuts(printer, {
    every: paperEvery,
    out: paperOut,
    rng: seededRandom(SEED + 2),
    onError: (err) => tally.fail('soak:paper', String(err)),
  });
  let exitCode = 0;
  try {
    const pool = citizenPool(positiveInt(args.citizens, '--citizens'), rng);
    for (const c of pool) if (!card.emulator.cardIds.includes(c.id)) card.emulator.addCard(c);
    await when(kiosk, 'the ID card reader and the ticket printer', async () => {
      const states = output<{ devices: { device: string; state: string }[] }>(await kiosk.core.invoke('devices.states', {}), 'devices.states').devices;
      const available = output<{ available: boolean }>(await kiosk.core.invoke('ticket.availability', {}), 'ticket.availability').available;
      return available && states.some((d) => d.device === 'idCard' && d.state === 'ready');
    });
    console.log(
      `kiosk: booted on the embedded defaults in ${((performance.now() - boot0) / 1000).toFixed(1)} s (data ${dataDir}; ID card reader polled every ${CARD_POLL_MS} ms)`,
    );

    // One citizen binds a face once (with the ID card, both consents), from the same photo.
    await identifiedByCard(kiosk, 'resident');
    const invoke = (m: string, i: unknown) => kiosk.core.invoke(m, i) as Promise<RpcResult>;
    const bind = await faceSession(invoke, live, await bindStart(invoke, { storeConsent: { textVersion: 'soak' }, shareConsent: { textVersion: 'soak' } }));
    if (bind.result?.kind !== 'bound') throw new Error(`face binding failed: ${JSON.stringify(bind.result)} after ${bind.frames} frames`);
    output(await kiosk.core.invoke('session.reset', { reason: 'done' }), 'session.reset');
    const probe = await faceSession(invoke, live, { mode: 'identify' });
    if (probe.result?.kind !== 'identified')
      throw new Error(`face identification of the bound citizen failed: ${JSON.stringify(probe.result)} after ${probe.frames} frames`);
    output(await kiosk.core.invoke('session.reset', { reason: 'done' }), 'session.reset');
    const faceS = probe.ms / 1000;
    const defaultFaceShare = Math.min(1 / 20, FACE_BUDGET_S / (JOURNEYS * faceS));
    const faceShare = args['face-share'] !== undefined ? share(args['face-share'], '--face-share') : defaultFaceShare;
    console.log(
      `face: binding took ${(bind.ms / 1000).toFixed(1)} s (${bind.frames} frames, engine start included); one identification ${faceS.toFixed(1)} s (${probe.frames} frames, ${(probe.ms / probe.frames).toFixed(0)} ms a frame)`,
    );
    console.log(
      `face: share of journeys ${(faceShare * 100).toFixed(2)}%${args['face-share'] === undefined && faceShare < 1 / 20 ? ` (1 in 20 would add ~${(((JOURNEYS / 20) * faceS) / 60).toFixed(0)} min; scaled to ~${FACE_BUDGET_S / 60} min of face sessions; --face-share 0.05 for the full share)` : ''}`,
    );

    const catalog = output<{ services: { code: string; kind: string }[] }>(await kiosk.core.invoke('catalog.get', {}), 'catalog.get');
    const ticketServices = catalog.services.filter((s) => s.kind === 'ticket').map((s) => s.code);
    const world: JourneyWorld = {
      core: kiosk.core,
      card,
      face: live,
      hubDown: (t0, t1) => outages.overlaps(t0, t1),
      paperOut: (t0, t1) => paper.overlaps(t0, t1),
      tally,
      tickets: [],
      forms: [],
      ratings: 0,
      faceSessions: [],
      stepMs: new Map(),
    };

    const journeyMs: number[] = [];
    const samples: ResourceSample[] = monitor.samples;
    console.log(formatSample(monitor.sample('start', 0)));
    monitor.startLoopMonitor();
    outages.start(((hubEvery.min + hubEvery.max) / 4) * 1000);
    paper.start(((paperEvery.min + paperEvery.max) / 4) * 1000);
    const run0 = performance.now();
    let nextDecile = 1;
    for (let i = 0; i < JOURNEYS; i++) {
      const plan = planJourney(rng, { faceShare, formShare: FORM_SHARE, cardIds: pool.map((c) => c.id), ticketServices });
      const t0 = performance.now();
      await runJourney(world, plan);
      journeyMs.push(performance.now() - t0);
      while (i + 1 >= (JOURNEYS * nextDecile) / 10) {
        const s = monitor.sample(`${nextDecile * 10}%`, i + 1);
        console.log(`${formatSample(s)}  unexpected ${tally.unexpectedTotal}  hub outages ${outages.count}  paper-outs ${paper.count}`);
        nextDecile++;
      }
    }
    const runS = (performance.now() - run0) / 1000;
    monitor.stopLoopMonitor();

    // The hall calms down: the hub back, paper in, and the outbox drains.
    await outages.stop();
    await paper.stop();
    const drain0 = performance.now();
    let drained = false;
    while (performance.now() - drain0 < DRAIN_TIMEOUT_MS) {
      const r = await kiosk.queue.engine.syncNow();
      if (r.drained && r.error === null) {
        drained = true;
        break;
      }
      await new Promise((res) => setTimeout(res, 500));
    }
    await kiosk.queue.issuer.settled();
    const drainS = (performance.now() - drain0) / 1000;
    const end = monitor.sample('end', JOURNEYS);
    console.log(formatSample(end));

    const rec = reconcile({
      outbox: kiosk.queue.outbox,
      hub: outages.hub,
      terminalId: embeddedHub.terminalId,
      tickets: world.tickets,
      forms: world.forms.length,
      ratings: world.ratings,
    });
    const problems = reconciliationProblems(rec);
    if (!drained) problems.unshift(`the outbox did not drain within ${DRAIN_TIMEOUT_MS / 1000} s`);

    // — report —
    const sortedMs = [...journeyMs].sort((a, b) => a - b);
    const faceMs = world.faceSessions.map((f) => f.ms).sort((a, b) => a - b);
    console.log('\n=== soak figures ===');
    console.log(
      `seed ${SEED}; journeys done ${journeyMs.length} of ${JOURNEYS} in ${(runS / 60).toFixed(1)} min (${(journeyMs.length / runS).toFixed(2)} a second)`,
    );
    console.log(
      `  kinds: ${[...tally.counts]
        .filter(([k]) => k.startsWith('journey:'))
        .map(([k, v]) => `${k.slice(8)} ${v}`)
        .join(', ')}`,
    );
    console.log(
      `  journey time: median ${pct(sortedMs, 50).toFixed(0)} ms, p95 ${pct(sortedMs, 95).toFixed(0)} ms, p99 ${pct(sortedMs, 99).toFixed(0)} ms, max ${sortedMs.at(-1)?.toFixed(0)} ms`,
    );
    console.log('  where the time goes (per step: count, median, p95, total):');
    for (const [step, list] of world.stepMs) {
      const sorted = [...list].sort((a, b) => a - b);
      const total = list.reduce((a, b) => a + b, 0);
      console.log(
        `    ${step.padEnd(24)} ${String(list.length).padStart(6)}  ${pct(sorted, 50).toFixed(0).padStart(5)} ms  ${pct(sorted, 95).toFixed(0).padStart(5)} ms  ${(total / 1000).toFixed(0).padStart(6)} s`,
      );
    }
    if (faceMs.length) {
      const frames = world.faceSessions.map((f) => f.frames).sort((a, b) => a - b);
      console.log(
        `  face identifications: ${faceMs.length}, median ${(pct(faceMs, 50) / 1000).toFixed(1)} s (${pct(frames, 50)} frames), max ${((faceMs.at(-1) ?? 0) / 1000).toFixed(1)} s`,
      );
    }
    console.log(
      `  tickets ${world.tickets.length} (${[...tally.counts]
        .filter(([k]) => k.startsWith('ticket:'))
        .map(([k, v]) => `${k.slice(7)} ${v}`)
        .join(', ')}), forms ${world.forms.length}, ratings ${world.ratings}`,
    );
    console.log(
      `disturbances: hub down ${outages.count} times for ${(outages.totalDownMs / 1000).toFixed(0)} s in all${outages.portRetries ? ` (${outages.portRetries} restarts waited for the port)` : ''}; paper out ${paper.count} times for ${(paper.totalMs / 1000).toFixed(0)} s`,
    );
    console.log(`errors, expected (${[...tally.expected.values()].reduce((a, b) => a + b, 0)}):`);
    for (const [k, v] of tally.expected) console.log(`  ${String(v).padStart(6)}  ${k}`);
    console.log(`errors, unexpected (${tally.unexpectedTotal}):${tally.unexpectedTotal === 0 ? ' none' : ''}`);
    for (const [k, v] of tally.unexpected) {
      console.log(`  ${String(v).padStart(6)}  ${k}`);
      for (const e of tally.examples.get(k) ?? []) console.log(`          e.g. ${e.split('\n').join('\n               ')}`);
    }
    console.log(
      `outbox: written ${rec.written} (${Object.entries(rec.byKind)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}); states ${Object.entries(rec.byState)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}; final drain ${drainS.toFixed(1)} s`,
    );
    console.log(
      `hub: stored ${rec.hubItems} items of this terminal (${rec.hubDuplicateKeys} duplicate keys, ${rec.missingAtHub.length} outbox keys missing, ${rec.unknownAtHub.length} unknown); tickets ${rec.hubTickets} (${rec.hubCancelled} cancelled phantoms); submissions ${rec.hubSubmissions}; evaluations ${rec.hubEvaluations}`,
    );
    console.log(
      `  written vs acknowledged by the hub: ${rec.written} vs ${rec.byState['acknowledged'] ?? 0} — ${problems.length === 0 ? 'equal, no duplicates' : 'NOT RECONCILED'}`,
    );
    for (const p of problems) console.log(`  ! ${p}`);

    console.log('resources (after a full GC at each sample):');
    for (const s of samples) console.log(`  ${formatSample(s)}`);
    const warm = samples.find((s) => s.label === '10%') ?? samples[0]!;
    const lastJourneys = samples.filter((s) => s.label !== 'end').at(-1)!;
    const peakAfterWarm = Math.max(...samples.filter((s) => s.journeys >= warm.journeys).map((s) => s.rssMiB));
    const growth = end.rssMiB - warm.rssMiB;
    const memoryPass = growth < GROWTH_LIMIT_MIB && peakAfterWarm - warm.rssMiB < GROWTH_LIMIT_MIB;
    console.log(
      `  RSS growth after warm-up (10% → end): ${growth.toFixed(1)} MiB (10% → 100%: ${(lastJourneys.rssMiB - warm.rssMiB).toFixed(1)} MiB, peak ${(peakAfterWarm - warm.rssMiB).toFixed(1)} MiB over it) — target < ${GROWTH_LIMIT_MIB} MiB: ${memoryPass ? 'PASS' : 'FAIL'}`,
    );
    // A hub outage closes the hub's sockets: the baseline is the larger of the first two samples.
    const secondHalf = samples.filter((s) => s.journeys >= JOURNEYS / 2);
    const rssSpread = secondHalf.map((s) => s.rssMiB);
    console.log(
      `  second half of the run (50% → end): RSS ${Math.min(...rssSpread).toFixed(0)}–${Math.max(...rssSpread).toFixed(0)} MiB; JS heap used 10% → end ${(end.heapMiB - warm.heapMiB).toFixed(1)} MiB, worker heaps used ${warm.workerHeapMiB.toFixed(0)} → ${end.workerHeapMiB.toFixed(0)} MiB, main heap committed ${warm.heapTotalMiB.toFixed(0)} → ${end.heapTotalMiB.toFixed(0)} MiB`,
    );
    const fdBase = Math.max(samples[0]!.fds, warm.fds);
    const fdGrowth = end.fds - fdBase;
    console.log(
      `  open file descriptors: ${samples.map((s) => s.fds).join(' → ')} (end ${fdGrowth >= 0 ? '+' : ''}${fdGrowth} over warm-up): ${fdGrowth <= 5 ? 'PASS (flat)' : 'FAIL (growing)'}`,
    );
    const loop = monitor.loopDelay();
    console.log(
      `event-loop delay over the journeys (sampled every ${LOOP_RESOLUTION_MS} ms; a free loop reads ${LOOP_RESOLUTION_MS} ms): p50 ${loop.p50.toFixed(1)} ms, p99 ${loop.p99.toFixed(1)} ms (${(loop.p99 - LOOP_RESOLUTION_MS).toFixed(1)} ms late), max ${loop.max.toFixed(0)} ms`,
    );
    const errors = logErrors(dataDir);
    console.log(`kiosk log, error records by message (${[...errors.values()].reduce((a, b) => a + b, 0)}):`);
    for (const [m, n] of [...errors].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${String(n).padStart(6)}  ${m}`);

    const verdicts = [
      ['no unexpected errors', tally.unexpectedTotal === 0],
      ['outbox written = acknowledged = stored at the hub, no duplicates', problems.length === 0],
      [`RSS growth after warm-up < ${GROWTH_LIMIT_MIB} MiB`, memoryPass],
      ['open file descriptors flat', fdGrowth <= 5],
    ] as const;
    console.log(`verdict: ${verdicts.map(([what, ok]) => `${ok ? 'PASS' : 'FAIL'} ${what}`).join('; ')}`);
    if (verdicts.some(([, ok]) => !ok)) exitCode = 1;
  } finally {
    await outages.stop().catch(() => undefined);
    await paper.stop().catch(() => undefined);
    await kiosk.core.stop();
    await outages.hub.stop();
    if (args.keep) console.log(`data kept in ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
