// @vitest-environment jsdom
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Language } from '../../common/i18n/languages';
import type { RpcOutput } from '../../common/rpc/contract';
import { TechnicianScreen } from '../../renderer/src/screens/technician/TechnicianScreen';
import { fakeCore, ok } from './helpers/document-screen';
import { kioskScreenHarness } from './helpers/kiosk-screen';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const AT = '2026-12-05T06:43:07.000Z';
const device = (name: RpcOutput<'tech.summary'>['devices'][number]['device'], state: string, detail?: string) => ({
  device: name,
  state,
  since: AT,
  port: null,
  emulated: false,
  ...(detail ? { detail } : {}),
});
const SUMMARY: RpcOutput<'tech.summary'> = {
  devices: [
    device('idCard', 'ready'),
    device('printer', 'paper-near-end'),
    device('scanner', 'disconnected', 'ENOENT /dev/ttyUSB1'),
    device('camera', 'in-renderer'),
    device('documentPrinter', 'not-configured'),
  ],
  versions: { app: '1.0.0', node: '22.0.0', platform: 'linux-x64' },
  disk: { dataDir: '/var/lib/kiosk', freeBytes: 10 * 1024 ** 3, totalBytes: 20 * 1024 ** 3 },
  uptimeS: 60,
  logs: [
    JSON.stringify({ level: 30, time: AT, msg: 'kiosk core started', shell: 'web', version: '1.0.0' }),
    JSON.stringify({ level: 40, time: AT, msg: 'voice: an utterance could not be played', voice: 'yue', problem: 'no audio output' }),
    JSON.stringify({ level: 50, time: AT, msg: 'service failed to stop', err: { type: 'Error', message: 'port busy', stack: 'Error: port busy\n at x' } }),
    'not a JSON line',
  ],
};
const CORE_VOICES: RpcOutput<'voice.status'> = {
  engine: 'espeak-ng',
  problem: null,
  voices: [
    { language: 'zh-CN', voice: 'cmn-latn-pinyin', name: 'Chinese (Mandarin, latin as Pinyin)' },
    { language: 'zh-HK', voice: 'yue', name: 'Chinese (Cantonese)' },
    { language: 'en', voice: null, name: null },
  ],
  lastFailure: { message: 'no audio output: no sound card or sound server', at: AT },
};

describe('the technician screen, read by staff', () => {
  const h = kioskScreenHarness();
  const { byTestId } = h;

  async function show(language: Language, webVoices: { name: string; lang: string }[] = []) {
    Object.defineProperty(window, 'speechSynthesis', {
      value: { getVoices: () => webVoices, addEventListener: () => undefined, removeEventListener: () => undefined },
      configurable: true,
    });
    const core = fakeCore({
      'tech.summary': () => ok(SUMMARY),
      'voice.status': () => ok(CORE_VOICES),
      'tech.queue': () =>
        ok({
          stats: { pending: 0, inFlight: 0, acknowledged: 0, dead: 0, oldestPendingAgeS: null, acknowledgedToday: 0 },
          dead: [],
          sync: { lastSuccessAt: null, lastError: null, nextAttemptAt: null, consecutiveFailures: 0, authProblem: null },
          hub: { url: null, lastOkAt: null, lastError: 'hub not configured', clockSkewMs: null },
        }),
      'tech.documentPrinter.status': () => ok({ target: 'ipp://x', emulated: true, answered: true, state: 'idle', reasons: [], ready: true, message: 'idle' }),
    });
    await h.render(core, createElement(TechnicianScreen, { token: 't', onBack: () => undefined }), language, { mode: 'technician', voice: true });
    await expect.poll(() => byTestId('device-idCard-state')?.textContent).toBeTruthy();
    await expect.poll(() => byTestId('tech-voice-zh-CN')?.textContent).toMatch(/\S/);
  }

  beforeEach(() => h.mount());
  afterEach(() => {
    h.unmount();
    Reflect.deleteProperty(window, 'speechSynthesis');
  });

  it('names each device state in the staff language, with a colour per state', async () => {
    await show('zh-CN');
    const state = (d: string) => byTestId(`device-${d}-state`)!.textContent;
    const tone = (d: string) => byTestId(`device-${d}`)!.className;
    expect(state('idCard')).toBe('就绪');
    expect(state('printer')).toBe('纸将用完');
    expect(state('scanner')).toBe('未连接 · ENOENT /dev/ttyUSB1');
    expect(state('camera')).toBe('由屏幕端使用');
    expect(state('documentPrinter')).toBe('未配置');
    expect(['idCard', 'printer', 'scanner', 'camera', 'documentPrinter'].map(tone)).toEqual([
      'state-ok',
      'state-warning',
      'state-fault',
      'state-ok',
      'state-off',
    ]);
    expect(h.container().textContent).not.toContain('in-renderer');
  });

  it('names the states in English and 繁體 too', async () => {
    await show('en');
    expect(byTestId('device-scanner-state')!.textContent).toBe('not connected · ENOENT /dev/ttyUSB1');
    await show('zh-HK');
    expect(byTestId('device-documentPrinter-state')!.textContent).toBe('未設定');
  });

  it('shows log lines as sentences with time and level, not JSON', async () => {
    await show('zh-CN');
    const lines = [...byTestId('tech-logs')!.querySelectorAll('li')].map((li) => ({ text: li.textContent, level: li.dataset.level }));
    // The hall's clock (Asia/Shanghai by default), whatever the machine's zone.
    const time = '2026-12-05 14:43:07';
    expect(lines).toEqual([
      { text: `${time} 信息：kiosk core started (shell: web, version: 1.0.0)`, level: 'info' },
      { text: `${time} 警告：voice: an utterance could not be played (voice: yue, problem: no audio output)`, level: 'warn' },
      { text: `${time} 错误：service failed to stop (err: port busy)`, level: 'error' },
      { text: '— 信息：not a JSON line', level: 'info' },
    ]);
    expect(byTestId('tech-logs')!.textContent).not.toContain('{"');
  });

  it('reports which voice says each language: the core’s espeak-ng voice without a system voice, or none', async () => {
    await show('zh-CN');
    const row = (language: string) => byTestId(`tech-voice-${language}`)!;
    expect(row('zh-CN').dataset.speaker).toBe('core');
    expect(row('zh-CN').textContent).toBe('普通话（简体中文）espeak-ng：cmn-latn-pinyin（Chinese (Mandarin, latin as Pinyin)）');
    expect(row('zh-HK').textContent).toBe('粤语（繁體中文）espeak-ng：yue（Chinese (Cantonese)）');
    expect(row('en').dataset.speaker).toBe('none');
    expect(row('en').textContent).toBe('英语无语音，此语言的提示不会播报');
    expect(byTestId('tech-voice-last-failure')!.textContent).toContain('no audio output: no sound card or sound server');
  });

  it('reports a system voice where the browser has a fitting one', async () => {
    await show('en', [
      { name: 'Microsoft Aria', lang: 'en-US' },
      { name: 'Chinese (Mandarin, latin as English)', lang: 'cmn' },
    ]);
    expect(byTestId('tech-voice-en')!.dataset.speaker).toBe('web');
    expect(byTestId('tech-voice-en')!.textContent).toBe('Englishsystem voice: Microsoft Aria');
    expect(byTestId('tech-voice-zh-CN')!.dataset.speaker).toBe('core');
  });
});
