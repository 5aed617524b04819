import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../common/config/schema';
import { voiceDiagnostics } from '../../../main/core/voice/voice-diagnostics';

/** `kioskctl diag`'s voice section, with the real espeak-ng of this machine (scripts/system-deps.mjs installs it). */
describe('the voice in kioskctl diag', () => {
  it('names the espeak-ng voice of each language, and needs no attention when every language has one', async () => {
    expect(await voiceDiagnostics.collect('/nonexistent', defaultConfig())).toEqual({
      data: { engine: 'espeak-ng', problem: null, voices: { 'zh-CN': 'cmn-latn-pinyin', 'zh-HK': 'yue', en: 'en' } },
      attention: [],
    });
  });
});
