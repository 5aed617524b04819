// @vitest-environment jsdom
import { act, createElement, useState, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KioskClient } from '../../renderer/src/bridge/kiosk-client';
import type { KioskBridge } from '../../renderer/src/bridge/kiosk-bridge';
import { faceNotice } from '../../renderer/src/i18n/strings/face-notice';
import { speak, speechInProgress } from '../../renderer/src/voice/speak';
import { useIdleTimer } from '../../renderer/src/session/use-idle-timer';
import { FaceNoticeScreen } from '../../renderer/src/screens/citizen/FaceNoticeScreen';
import { FaceConsentScreen, type FaceConsents } from '../../renderer/src/screens/citizen/FaceConsentScreen';
import { FaceCaptureScreen } from '../../renderer/src/screens/citizen/FaceCaptureScreen';
import { NOTICE_CHANGED_PATH, type FaceNoticeFacts, type RpcResult } from '../../common/rpc/contract';
import { kioskScreenHarness } from './helpers/kiosk-screen';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const FACTS: FaceNoticeFacts = {
  hallName: { 'zh-CN': '测试大厅', 'zh-HK': '測試大廳', en: 'Test Hall' },
  operator: { 'zh-CN': '测试管理局', 'zh-HK': '測試管理局', en: 'Test Administration' },
  contact: '010-12345678',
  retentionDays: 183,
  sharedAcrossHall: true,
  holderCheck: 'hub',
  factsHash: 'abcdef0123456789abcdef01',
};

class FakeUtterance {
  lang = '';
  onend: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly text: string) {}
}

/** The browser's speech synthesis as the kiosk meets it: utterances queue, are spoken one by one, end or are cancelled. */
class FakeSynthesis {
  queue: FakeUtterance[] = [];
  spoken: string[] = [];
  cancels = 0;
  get speaking(): boolean {
    return this.queue.length > 0;
  }
  readonly pending = false;
  /** A voice for each of the hall's languages, as Windows or macOS offers them. */
  getVoices() {
    return [
      { name: 'Microsoft Xiaoxiao', lang: 'zh-CN', default: true, localService: true },
      { name: 'Microsoft HiuMaan', lang: 'zh-HK', default: false, localService: true },
      { name: 'Microsoft Aria', lang: 'en-US', default: false, localService: true },
    ];
  }
  speak(u: FakeUtterance): void {
    this.queue.push(u);
    this.spoken.push(u.text);
  }
  cancel(): void {
    this.cancels++;
    this.queue = [];
  }
  /** The synthesiser finishes everything queued. */
  finishAll(): void {
    for (const u of this.queue.splice(0)) u.onend?.();
  }
}

/** A core answering face.notice with FACTS, and face.start as `start` says. */
function fakeClient(start: () => RpcResult = () => ({ ok: true, output: { sessionId: 's1' } })) {
  const calls: { method: string; input: unknown }[] = [];
  const bridge: KioskBridge = {
    invoke: async (method, input) => {
      calls.push({ method, input });
      if (method === 'face.notice') return { ok: true, output: FACTS };
      if (method === 'face.start') return start();
      return { ok: true, output: {} };
    },
    on: () => () => undefined,
  };
  return { client: new KioskClient(bridge), calls };
}

describe('the face notice on screen, read aloud', () => {
  let synth: FakeSynthesis;
  const h = kioskScreenHarness();
  const { byTestId } = h;
  /** The screens as the kiosk shows them: in English, voice on, talking to `client`. */
  const render = (client: KioskClient, node: ReactElement) => h.render({ client }, node, 'en', { voice: true });
  const click = (id: string) => act(async () => void byTestId(id)!.dispatchEvent(new MouseEvent('click', { bubbles: true })));

  beforeEach(async () => {
    synth = new FakeSynthesis();
    vi.stubGlobal('SpeechSynthesisUtterance', FakeUtterance);
    Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
    h.mount();
  });
  afterEach(() => {
    h.unmount();
    vi.unstubAllGlobals();
  });

  it('reads every paragraph, one utterance each, and stops reading when the citizen takes the card instead', async () => {
    const { client } = fakeClient();
    function Hall() {
      const [screen, setScreen] = useState<'notice' | 'attract'>('notice');
      return screen === 'notice'
        ? createElement(FaceNoticeScreen, { onContinue: () => undefined, onUseCard: () => setScreen('attract') })
        : createElement('p', { 'data-testid': 'attract' });
    }
    await render(client, createElement(Hall));
    const notice = faceNotice(FACTS, 'en', 'identify');
    expect(synth.spoken).toEqual([`${notice.title}.`, ...notice.paragraphs.map((p) => p.text)]);
    expect(speechInProgress()).toBe(true);

    const cancelsBefore = synth.cancels;
    await click('notice-use-card');
    expect(byTestId('attract')).not.toBeNull();
    expect(synth.cancels).toBe(cancelsBefore + 1);
    expect(synth.queue).toEqual([]);
    expect(speechInProgress()).toBe(false);
  });

  it('gives the notice read (language and facts hash) with the consents', async () => {
    const { client } = fakeClient();
    const agreed: FaceConsents[] = [];
    await render(client, createElement(FaceConsentScreen, { sharingOffered: false, onAgree: (c: FaceConsents) => agreed.push(c), onDecline: () => undefined }));
    await click('consent-agree');
    expect(agreed).toEqual([{ storeConsent: { textVersion: expect.any(String) }, shareConsent: null, notice: { language: 'en', factsHash: FACTS.factsHash } }]);
  });

  it('goes back to the notice when the core says the notice read is no longer the one in force', async () => {
    const { client, calls } = fakeClient(() => ({
      ok: false,
      error: { code: 'conflict', message: 'the face notice changed', issues: [{ path: NOTICE_CHANGED_PATH, message: 'does not match' }] },
    }));
    const changed = vi.fn();
    const notice = { language: 'en' as const, factsHash: FACTS.factsHash };
    await render(
      client,
      createElement(FaceCaptureScreen, {
        mode: { mode: 'bind', storeConsent: { textVersion: 'v' }, shareConsent: null, notice },
        onDone: () => undefined,
        onIdCard: () => undefined,
        onNoticeChanged: changed,
      }),
    );
    await expect.poll(() => changed.mock.calls.length).toBe(1);
    expect(calls.find((c) => c.method === 'face.start')?.input).toMatchObject({ mode: 'bind', notice });
  });
});

/**
 * The notice takes minutes to read aloud with nobody touching the screen: while it is read, the
 * session is kept (and the core told so); after it, the idle time counts as before, and the
 * countdown's own sentence does not keep the session.
 */
describe('the idle timer while the kiosk speaks', () => {
  let synth: FakeSynthesis;
  let container: HTMLDivElement;
  let root: Root;
  let reports: number[];
  let expired: number[];
  const start = Date.parse('2026-03-02T10:00:00Z');
  const wait = (ms: number) => act(() => vi.advanceTimersByTime(ms));
  const NOTICE = 'A notice of about five hundred and fifty characters, read aloud. '.repeat(9);

  function Screen() {
    const idle = useIdleTimer({
      enabled: true,
      idleS: 60,
      countdownS: 15,
      busy: speechInProgress,
      onExpire: () => expired.push(Date.now() - start),
      onActivity: () => reports.push(Date.now() - start),
    });
    return createElement('p', { 'data-testid': 'phase' }, idle.state.phase);
  }
  const phase = () => container.querySelector('[data-testid="phase"]')!.textContent;

  beforeEach(() => {
    vi.useFakeTimers({ now: start });
    synth = new FakeSynthesis();
    vi.stubGlobal('SpeechSynthesisUtterance', FakeUtterance);
    Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
    reports = [];
    expired = [];
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
    act(() => root.render(createElement(Screen)));
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it('keeps the session for the whole reading and tells the core; then counts idle time from its end', async () => {
    speak(NOTICE.match(/.{1,80}/g)!, { language: 'en', enabled: true, elder: false, client: fakeClient().client });
    await wait(150_000); // two and a half minutes of reading, no touch
    expect(expired).toEqual([]);
    expect(phase()).toBe('active');
    // The core heard of it at least every five seconds (its own limit is far longer).
    const gaps = reports.slice(1).map((t, i) => t - reports[i]!);
    expect(reports.length).toBeGreaterThanOrEqual(25);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(5250);

    synth.finishAll();
    const endedAt = Date.now() - start;
    await wait(1000);
    // The end is reported too: the core counts from no earlier than the screen.
    expect(reports.at(-1)!).toBeGreaterThanOrEqual(endedAt - 250);
    await wait(60_000);
    expect(phase()).toBe('countdown');
    // The countdown's sentence is said, and does not hold the session.
    speak('Are you still there?', { language: 'en', enabled: true, elder: false, client: fakeClient().client });
    await wait(16_000);
    expect(expired).toHaveLength(1);
    expect(expired[0]!).toBeGreaterThanOrEqual(endedAt + 75_000);
    expect(expired[0]!).toBeLessThanOrEqual(endedAt + 76_000);
  });

  it('does not hold the session for ever when the synthesiser never says it has finished', async () => {
    speak(NOTICE, { language: 'en', enabled: true, elder: false, client: fakeClient().client });
    // At most 10 s + 0.4 s a character, then idle and countdown.
    await wait(10_000 + NOTICE.length * 400 + 76_000);
    expect(expired).toHaveLength(1);
  });
});
