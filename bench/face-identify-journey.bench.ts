// 刷脸办事 touched → identified, liveness included, in real Chromium through the web shell (its own
// process, embedded devices and the local reference hub), with Chromium's fake camera showing a
// person made from a shared photo who answers each liveness prompt and whose face takes the
// colour the screen shows during the screen-light check: a one-frame .y4m that the benchmark
// rewrites as the person moves or is lit (testing/camera/). Target: median ≤ 3 s.
// Identification checks liveness by the screen's light (the default, face.identifyLiveness);
// `--movements` measures binding's movements instead.
//
// Set-up: the resident card's owner (id01 of ../shared/data/faces) binds a face through the screens
// (card → consents → camera → 人证核验 → bound). Then each round, from the attract screen: 刷脸办事
// touched → the notice (continued at once) → the camera view → position → liveness → template frames
// → identified, with another photo of the same person. The clock is Date.now() on both sides (page
// and benchmark run on one machine). Printed: total, and each part's share (the notice, the start,
// positioning, each liveness challenge, holding still between prompts, the template frames).
// Rounds: first argument (default 10). Photos: FACE_BIND_PHOTO (img10.jpg), FACE_IDENTIFY_PHOTO (img6.jpg;
// both frontal enough for the liveness baseline, |yaw| ≤ 0.15, which img4 is not).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { FaceEngineClient } from '../main/face/engine/face-engine-client';
import { FACE_USE_OVER, LIGHT_PROMPTS, LIVENESS_PROMPTS, type LivenessChallenge } from '../main/face/messages';
import type { LightColour } from '../main/face/screen-light';
import { PromptedFace } from '../testing/camera/prompted-face';
import { emulatorControl, kioskPage, launchChromium, REPO_ROOT, startWebShellProcess, type WebShellProcess } from './chromium-kiosk';
import { percentile } from './latency-figures';

const MOVEMENTS = process.argv.includes('--movements');
const ROUNDS = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 10);
const TARGET_MS = 3000;
const FACES = path.resolve(REPO_ROOT, '..', 'shared', 'data', 'faces');
const BIND_PHOTO = path.join(FACES, process.env.FACE_BIND_PHOTO ?? 'img10.jpg');
const IDENTIFY_PHOTO = path.join(FACES, process.env.FACE_IDENTIFY_PHOTO ?? 'img6.jpg');
/** A whole face session at most (the core's own limits end it well before). */
const SESSION_MS = 120_000;
const CHALLENGES: readonly LivenessChallenge[] = ['turn-left', 'turn-right', 'open-mouth', 'blink'];
const CHALLENGE_OF_PROMPT = new Map(CHALLENGES.map((c) => [LIVENESS_PROMPTS[c]['zh-CN'], c]));
const IDENTIFIED = '已确认您的身份';
const BOUND = '人脸绑定成功，下次可直接刷脸办事';

/** What the camera view showed, as the page saw it: its step (null: no camera view) and prompt. */
interface ScreenEvent {
  step: string | null;
  prompt: string;
  at: number;
  /** The camera view's data-result (why a session failed). */
  result: string;
  /** The screen-light check's colour on screen ('' when none). */
  light: string;
}

const LIGHT_PARTS = ['screen light: before the colours', 'screen light: colours', 'screen light: after the colours'] as const;
type Part =
  'notice' | 'start' | 'position' | 'still, before the first prompt' | 'still, between prompts' | LivenessChallenge | (typeof LIGHT_PARTS)[number] | 'capture';

interface Round {
  totalMs: number;
  parts: Map<Part, number>;
  plan: LivenessChallenge[];
}

let events: ScreenEvent[] = [];
let person: PromptedFace;
let ended: ((e: ScreenEvent) => void) | null = null;

/** Every change of the camera view's step or prompt reaches the benchmark (and the person in front of the camera). */
async function watchFaceScreen(page: Page): Promise<void> {
  await page.exposeFunction('__faceScreen', (step: string | null, prompt: string, at: number, result: string, light: string) => {
    const e = { step, prompt, at, result, light };
    events.push(e);
    person.lit(step === 'liveness' && light ? (light as LightColour) : null);
    person.prompted(step === 'liveness' ? (CHALLENGE_OF_PROMPT.get(prompt) ?? null) : null);
    // A refusal to start (face use over after failed checks) ends the session too.
    if (step === 'done' || step === 'failed' || prompt === FACE_USE_OVER['zh-CN']) ended?.(e);
  });
  // A string, not a function: tsx's helpers (__name) do not exist in the page.
  await page.evaluate(`(() => {
    let last = '';
    const note = () => {
      const screen = document.querySelector('[data-testid="face-screen"]');
      const notice = document.querySelector('[data-testid="face-notice-screen"]');
      const step = screen ? screen.getAttribute('data-step') : notice ? 'notice' : null;
      const prompt = (document.querySelector('[data-testid="face-prompt"]') || {}).textContent || '';
      const result = screen ? screen.getAttribute('data-result') || '' : '';
      const light = screen ? screen.getAttribute('data-light') || '' : '';
      const key = step + '|' + prompt + '|' + result + '|' + light;
      if (key === last) return;
      last = key;
      window.__faceScreen(step, prompt, Date.now(), result, light);
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-step', 'data-result', 'data-light'] });
  })()`);
}

/** Resolves with the face session's last view (done or failed). */
function sessionEnd(): Promise<ScreenEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no result within ${SESSION_MS / 1000} s: ${events.map((e) => `${e.step}|${e.prompt}`).join(' → ')}`)),
      SESSION_MS,
    );
    ended = (e) => {
      clearTimeout(timer);
      ended = null;
      resolve(e);
    };
  });
}

/**
 * The ID card's owner binds the face shown to the camera (both consents where sharing is offered);
 * a failed check is tried again, as a citizen would, within the session's three.
 */
async function bind(page: Page, shell: WebShellProcess): Promise<void> {
  for (let i = 0; ; i++) {
    const placed = (await emulatorControl(shell, 'ttyIdCard', { cmd: 'place', card: 'resident' }).catch(() => ({ ok: false }))) as { ok: boolean };
    if (placed.ok) break;
    if (i >= 50) throw new Error('the ID card emulator did not answer');
    await new Promise((r) => setTimeout(r, 300));
  }
  await page.getByTestId('service-menu').waitFor({ timeout: 30_000 });
  for (let attempt = 1; ; attempt++) {
    person.reset();
    await page.getByTestId('face-bind-offer').click({ timeout: 30_000 });
    await page.getByTestId('consent-store').waitFor();
    await page.getByTestId('consent-agree').click();
    await page.locator('[data-testid="consent-share"], [data-testid="face-screen"]').first().waitFor();
    if (await page.getByTestId('consent-share').isVisible()) await page.getByTestId('consent-agree').click();
    events = [];
    const end = await sessionEnd();
    if (end.step === 'done' && end.prompt === BOUND) break;
    const t0 = events[0]?.at ?? 0;
    const why = `${end.prompt} (moves: ${person.moves.join(', ')}; screen: ${events.map((e) => `${e.step}|${e.prompt}@${e.at - t0}`).join(' → ')})`;
    if (attempt >= 2) throw new Error(`binding failed: ${why}`);
    console.log(`binding attempt ${attempt} failed, trying again: ${why}`);
    await page.getByTestId('face-use-card').click();
    await page.getByTestId('service-menu').waitFor({ timeout: 30_000 });
  }
  await page.getByTestId('service-menu').waitFor({ timeout: 30_000 });
  await emulatorControl(shell, 'ttyIdCard', { cmd: 'remove' });
  await page.getByTestId('home').click();
}

/** The parts of one round from the screen's events: each event lasts until the next one. */
function partsOf(touchedAt: number, list: ScreenEvent[], endAt: number): Map<Part, number> {
  const parts = new Map<Part, number>();
  const add = (p: Part, ms: number) => parts.set(p, (parts.get(p) ?? 0) + ms);
  let prompted = false;
  let lit = false;
  // From the touch to the first view: the attract screen changing, counted with the notice.
  add('notice', (list[0]?.at ?? endAt) - touchedAt);
  list.forEach((e, i) => {
    const ms = (list[i + 1]?.at ?? endAt) - e.at;
    const challenge = e.step === 'liveness' ? CHALLENGE_OF_PROMPT.get(e.prompt) : undefined;
    if (challenge) prompted = true;
    if (e.light) lit = true;
    if (e.step === 'notice') add('notice', ms);
    else if (e.step === 'starting') add('start', ms);
    else if (e.step === 'position') add('position', ms);
    else if (e.step === 'liveness' && e.prompt === LIGHT_PROMPTS['look-at-screen']['zh-CN'])
      add(e.light ? 'screen light: colours' : lit ? 'screen light: after the colours' : 'screen light: before the colours', ms);
    else if (e.step === 'liveness') add(challenge ?? (prompted ? 'still, between prompts' : 'still, before the first prompt'), ms);
    else if (e.step === 'capture') add('capture', ms);
  });
  return parts;
}

async function identifyRound(page: Page): Promise<Round> {
  await page.getByTestId('attract-screen').waitFor();
  person.reset();
  events = [];
  const done = sessionEnd();
  const touchedAt = Date.now();
  await page.getByTestId('prompt-face').click();
  // The notice comes before the camera opens; the benchmark's citizen continues at once.
  await page.locator('[data-testid="face-notice-screen"], [data-testid="face-screen"]').first().waitFor();
  if (await page.getByTestId('face-notice-screen').isVisible()) await page.getByTestId('notice-continue').click();
  const end = await done;
  const list = events.filter((e) => e.at <= end.at);
  const plan = [
    ...new Set(list.map((e) => (e.step === 'liveness' ? CHALLENGE_OF_PROMPT.get(e.prompt) : undefined)).filter((c): c is LivenessChallenge => c !== undefined)),
  ];
  if (end.step !== 'done' || end.prompt !== IDENTIFIED) {
    await page.getByTestId('face-use-card').click();
    const seen = list.map((e) => `${e.step}|${e.prompt}@${e.at - touchedAt}`).join(' → ');
    throw new Error(`not identified: ${end.prompt} [${end.result}] (asked ${plan.join(', ') || 'nothing'}; moves ${person.moves.join(', ')}; screen: ${seen})`);
  }
  const round = {
    totalMs: end.at - touchedAt,
    parts: partsOf(
      touchedAt,
      list.filter((e) => e.step !== null),
      end.at,
    ),
    plan,
  };
  await page.getByTestId('service-menu').waitFor({ timeout: 30_000 });
  await page.getByTestId('home').click();
  return round;
}

function report(rounds: Round[], failures: string[]): boolean {
  const totals = rounds.map((r) => r.totalMs).sort((a, b) => a - b);
  const median = percentile(totals, 50);
  const met = median <= TARGET_MS;
  console.log(
    `刷脸办事 touched → identified: median ${(median / 1000).toFixed(2)} s, p95 ${(percentile(totals, 95) / 1000).toFixed(2)} s, ` +
      `min ${(totals[0]! / 1000).toFixed(2)} s, max ${(totals.at(-1)! / 1000).toFixed(2)} s over ${rounds.length} rounds (${failures.length} not identified) — target ≤ ${TARGET_MS / 1000} s (median): ${met ? 'met' : 'NOT met'}`,
  );
  console.log(
    '(the person makes the asked movement 0.3 s after its prompt appears and comes back 0.3 s after it goes, holding it 0.7 s at most, a blink 0.6 s)',
  );
  console.log(`${'part of the journey'.padEnd(31)}   in   median ms   share of the total (mean over the rounds it is in)`);
  const order: Part[] = ['notice', 'start', 'position', 'still, before the first prompt', ...CHALLENGES, 'still, between prompts', ...LIGHT_PARTS, 'capture'];
  for (const part of order) {
    const seen = rounds.filter((r) => r.parts.has(part));
    if (seen.length === 0) continue;
    const ms = seen.map((r) => r.parts.get(part)!).sort((a, b) => a - b);
    const share = seen.reduce((s, r) => s + r.parts.get(part)! / r.totalMs, 0) / seen.length;
    console.log(
      `${part.padEnd(31)} ${`${seen.length}/${rounds.length}`.padStart(5)} ${percentile(ms, 50).toFixed(0).padStart(11)}   ${(share * 100).toFixed(1).padStart(5)} %`,
    );
  }
  console.log(`challenge orders asked: ${rounds.map((r) => r.plan.join('→')).join('; ')}`);
  for (const f of failures) console.log(`  not identified: ${f}`);
  return met;
}

async function main(): Promise<void> {
  const cameraDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-bench-camera-'));
  const cameraFile = path.join(cameraDir, 'live-face.y4m');
  const engine = new FaceEngineClient();
  let identifier: PromptedFace;
  try {
    person = await PromptedFace.create(engine, BIND_PHOTO, cameraFile);
    identifier = await PromptedFace.create(engine, IDENTIFY_PHOTO, person.camera);
  } finally {
    await engine.close();
  }
  const shell = await startWebShellProcess({ ui: { idleTimeoutS: 600 }, face: { identifyLiveness: MOVEMENTS ? 'movements' : 'screen-light' } });
  const browser = await launchChromium([
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${cameraFile}`,
  ]);
  try {
    const page = await kioskPage(browser);
    await page.goto(shell.launchUrl);
    await page.getByTestId('attract-screen').waitFor();
    await watchFaceScreen(page);
    const bindStarted = Date.now();
    await bind(page, shell);
    console.log(
      `set-up: ${path.basename(BIND_PHOTO)} bound to the resident card in ${((Date.now() - bindStarted) / 1000).toFixed(1)} s; identifying ${path.basename(IDENTIFY_PHOTO)} (the same person)`,
    );
    person.close();
    person = identifier; // steps in front of the camera at the round's start (reset)
    // One round first: the first identification warms up lazy paths (the SSD model's first run).
    const warm = await identifyRound(page).catch((err: Error) => err);
    if (warm instanceof Error) console.log(`warm-up round: ${warm.message}`);
    const rounds: Round[] = [];
    const failures: string[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      try {
        rounds.push(await identifyRound(page));
      } catch (err) {
        failures.push((err as Error).message);
      }
    }
    if (rounds.length === 0) throw new Error(`no round identified:\n${failures.join('\n')}`);
    const met = report(rounds, failures);
    if (!met || failures.length > rounds.length) process.exitCode = 1;
  } finally {
    person.close();
    person.camera.close();
    await browser.close();
    await shell.stop();
    rmSync(shell.dataDir, { recursive: true, force: true });
    rmSync(cameraDir, { recursive: true, force: true });
  }
}

await main();
