import type { Language } from '../../../common/i18n/languages';

/**
 * The espeak-ng voice that speaks each language. Mandarin is `cmn-latn-pinyin`, not `cmn` or `zh`:
 * on Debian 12 (espeak-ng 1.51) those read hanzi as pinyin with the tone numbers said in English.
 * Cantonese is `yue`; English the default English voice.
 */
export const ESPEAK_VOICE: Record<Language, string> = { 'zh-CN': 'cmn-latn-pinyin', 'zh-HK': 'yue', en: 'en' };

/** One voice of `espeak-ng --voices`: the id `-v` takes (its file's name) and the name it shows. */
export interface EspeakVoice {
  id: string;
  name: string;
}

/**
 * The voices of `espeak-ng --voices` output: each line after the header is
 * `Pty Language Age/Gender VoiceName File (Other Languages)`; `-v` takes the file's last segment
 * (`sit/cmn-Latn-pinyin` → `cmn-latn-pinyin`), and the name has `_` for spaces.
 */
export function parseEspeakVoices(listing: string): EspeakVoice[] {
  const voices: EspeakVoice[] = [];
  for (const line of listing.split('\n').slice(1)) {
    const columns = line.trim().split(/\s+/);
    if (columns.length < 5) continue;
    const [, , , name, file] = columns as [string, string, string, string, string];
    voices.push({ id: file.split('/').at(-1)!.toLowerCase(), name: name.replace(/_/g, ' ') });
  }
  return voices;
}
