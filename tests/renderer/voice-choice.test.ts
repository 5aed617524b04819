// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chooseWebVoice, type WebVoice } from '../../renderer/src/voice/web-voice-choice';
import { speak, speechInProgress } from '../../renderer/src/voice/speak';
import { KioskClient } from '../../renderer/src/bridge/kiosk-client';
import type { KioskBridge } from '../../renderer/src/bridge/kiosk-bridge';
import type { RpcResult } from '../../common/rpc/contract';

/** What Windows 11 offers with the Chinese and English speech packs. */
const WINDOWS: WebVoice[] = [
  { name: 'Microsoft David - English (United States)', lang: 'en-US', default: true, localService: true },
  { name: 'Microsoft Huihui - Chinese (Simplified, PRC)', lang: 'zh-CN', localService: true },
  { name: 'Microsoft Tracy - Chinese (Traditional, Hong Kong SAR)', lang: 'zh-HK', localService: true },
  { name: 'Microsoft Hanhan - Chinese (Traditional, Taiwan)', lang: 'zh-TW', localService: true },
];
/** Chromium with --enable-speech-dispatcher on Debian: espeak-ng's voices, tagged by their own language codes. */
const SPEECHD: WebVoice[] = [
  { name: 'Chinese (Mandarin, latin as English)', lang: 'cmn', localService: true },
  { name: 'Chinese (Mandarin, latin as Pinyin)', lang: 'cmn-LATN-PINYIN', localService: true },
  { name: 'Chinese (Cantonese)', lang: 'yue', localService: true },
  { name: 'English (Great Britain)', lang: 'en-GB', localService: true },
];
/** macOS with only Taiwanese Mandarin and English installed. */
const MAC_TW_ONLY: WebVoice[] = [
  { name: 'Meijia', lang: 'zh-TW', localService: true },
  { name: 'Samantha', lang: 'en-US', default: true, localService: true },
];

describe('the Web Speech voice chosen for each language', () => {
  it('takes the region-exact voice where the system has one (Windows)', () => {
    expect(chooseWebVoice(WINDOWS, 'zh-CN')?.name).toBe('Microsoft Huihui - Chinese (Simplified, PRC)');
    expect(chooseWebVoice(WINDOWS, 'zh-HK')?.name).toBe('Microsoft Tracy - Chinese (Traditional, Hong Kong SAR)');
    expect(chooseWebVoice(WINDOWS, 'en')?.name).toBe('Microsoft David - English (United States)');
  });

  it('takes speech-dispatcher voices by their cmn/yue tags, never the "latin as English" Mandarin', () => {
    expect(chooseWebVoice(SPEECHD, 'zh-CN')?.name).toBe('Chinese (Mandarin, latin as Pinyin)');
    expect(chooseWebVoice(SPEECHD.slice(0, 1), 'zh-CN')).toBeNull();
    expect(chooseWebVoice(SPEECHD, 'zh-HK')?.name).toBe('Chinese (Cantonese)');
    expect(chooseWebVoice(SPEECHD, 'en')?.name).toBe('English (Great Britain)');
  });

  it('speaks 简体 with a Taiwanese Mandarin voice, but never 繁體 for Cantonese', () => {
    expect(chooseWebVoice(MAC_TW_ONLY, 'zh-CN')?.name).toBe('Meijia');
    expect(chooseWebVoice(MAC_TW_ONLY, 'zh-HK')).toBeNull();
  });

  it('chooses nothing without voices (headless Chromium, Linux without speech-dispatcher)', () => {
    expect(chooseWebVoice([], 'zh-CN')).toBeNull();
    expect(chooseWebVoice([], 'en')).toBeNull();
  });
});

/** A core that records the voice calls and lets the test end an utterance with `voice.said`. */
function recordingCore() {
  const calls: { method: string; input: unknown }[] = [];
  const handlers = new Map<string, (payload: unknown) => void>();
  const bridge: KioskBridge = {
    invoke: async (method, input): Promise<RpcResult> => {
      calls.push({ method, input });
      if (method === 'voice.speak') return { ok: true, output: { id: `u${calls.length}`, voice: 'cmn-latn-pinyin' } };
      return { ok: true, output: {} } as RpcResult;
    },
    on: (event, handler) => {
      handlers.set(event, handler);
      return () => handlers.delete(event);
    },
  };
  return { client: new KioskClient(bridge), calls, said: (id: string) => handlers.get('voice.said')?.({ id }) };
}

describe('who speaks a prompt', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    Reflect.deleteProperty(window, 'speechSynthesis');
  });

  it('the core, when the browser has no voice for the language, slower in 长辈版; it counts as speaking until the core says it ended', async () => {
    const core = recordingCore();
    speak(['您的号码是 C 零二三，请取走凭条，留意叫号'], { language: 'zh-CN', enabled: true, elder: true, client: core.client });
    await expect.poll(() => core.calls.length).toBe(1);
    expect(core.calls[0]).toEqual({ method: 'voice.speak', input: { parts: ['您的号码是 C 零二三，请取走凭条，留意叫号'], language: 'zh-CN', elder: true } });
    expect(speechInProgress()).toBe(true);
    core.said('u1');
    expect(speechInProgress()).toBe(false);
  });

  it('stops the core utterance when the step goes', async () => {
    const core = recordingCore();
    const handle = speak('请选择要办理的事项', { language: 'zh-CN', enabled: true, elder: false, client: core.client });
    await expect.poll(() => core.calls.length).toBe(1);
    await Promise.resolve();
    handle.stop();
    await expect.poll(() => core.calls.at(-1)).toEqual({ method: 'voice.stop', input: { id: 'u1' } });
  });

  it('the browser, with its fitting voice and a slower rate in 长辈版, when it has one; the core is not asked', () => {
    const core = recordingCore();
    const said: { text: string; voice: string; lang: string; rate: number }[] = [];
    vi.stubGlobal(
      'SpeechSynthesisUtterance',
      class {
        voice: WebVoice | null = null;
        lang = '';
        rate = 1;
        constructor(readonly text: string) {}
      },
    );
    Object.defineProperty(window, 'speechSynthesis', {
      value: {
        getVoices: () => WINDOWS,
        cancel: () => undefined,
        speak: (u: { text: string; voice: WebVoice; lang: string; rate: number }) =>
          said.push({ text: u.text, voice: u.voice.name, lang: u.lang, rate: u.rate }),
      },
      configurable: true,
    });
    speak('你嘅號碼係 C 零二三', { language: 'zh-HK', enabled: true, elder: true, client: core.client });
    expect(said).toEqual([{ text: '你嘅號碼係 C 零二三', voice: 'Microsoft Tracy - Chinese (Traditional, Hong Kong SAR)', lang: 'zh-HK', rate: 0.8 }]);
    expect(core.calls).toEqual([]);
  });

  it('nobody, when staff switched voice off', () => {
    const core = recordingCore();
    speak('请选择要办理的事项', { language: 'zh-CN', enabled: false, elder: false, client: core.client });
    expect(core.calls).toEqual([]);
    expect(speechInProgress()).toBe(false);
  });
});
