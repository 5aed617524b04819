import { describe, expect, it } from 'vitest';
import { ESPEAK_RATE, espeakArgs } from '../../../main/core/voice/espeak-args';
import { parseEspeakVoices } from '../../../main/core/voice/espeak-voices';
import { playProblem } from '../../../main/core/voice/voice-service';

describe('the espeak-ng run of an utterance', () => {
  it('speaks Mandarin with cmn-latn-pinyin, Cantonese with yue, English with en, the text last after --', () => {
    expect(espeakArgs({ parts: ['请选择办理事项'], language: 'zh-CN', elder: false })).toEqual([
      '-v',
      'cmn-latn-pinyin',
      '-s',
      '150',
      '--',
      '请选择办理事项。',
    ]);
    expect(espeakArgs({ parts: ['請選擇辦理事項'], language: 'zh-HK', elder: false })).toEqual(['-v', 'yue', '-s', '150', '--', '請選擇辦理事項。']);
    expect(espeakArgs({ parts: ['Choose a service'], language: 'en', elder: false })).toEqual(['-v', 'en', '-s', '150', '--', 'Choose a service.']);
  });

  it('is slower in 长辈版', () => {
    expect(espeakArgs({ parts: ['请选择办理事项'], language: 'zh-CN', elder: true }).slice(0, 4)).toEqual([
      '-v',
      'cmn-latn-pinyin',
      '-s',
      String(ESPEAK_RATE.elder),
    ]);
    expect(ESPEAK_RATE.elder).toBeLessThan(ESPEAK_RATE.normal);
  });

  it('spells a ticket letter by its Mandarin name (the pinyin voice would read "C" as "sei"); Cantonese and English keep the letter', () => {
    expect(espeakArgs({ parts: ['您的号码是 C 零二三，请取走凭条'], language: 'zh-CN', elder: false }).at(-1)).toBe('您的号码是 xi1 零二三，请取走凭条。');
    expect(espeakArgs({ parts: ['你嘅號碼係 C 零二三'], language: 'zh-HK', elder: false }).at(-1)).toBe('你嘅號碼係 C 零二三。');
    expect(espeakArgs({ parts: ['Your number is C zero two three'], language: 'en', elder: false }).at(-1)).toBe('Your number is C zero two three.');
  });

  it('says a list sentence by sentence, a text starting with "-" as text', () => {
    expect(espeakArgs({ parts: ['第一段', '第二段。'], language: 'zh-CN', elder: false }).at(-1)).toBe('第一段。\n第二段。');
    const args = espeakArgs({ parts: ['-w /etc/passwd'], language: 'en', elder: false });
    expect(args.indexOf('--')).toBe(args.length - 2);
  });
});

describe('espeak-ng --voices', () => {
  const listing = [
    'Pty Language       Age/Gender VoiceName          File                 Other Languages',
    ' 5  cmn             --/M      Chinese_(Mandarin,_latin_as_English) sit/cmn              (zh-cmn 5)(zh 5)',
    ' 5  cmn-latn-pinyin --/M      Chinese_(Mandarin,_latin_as_Pinyin) sit/cmn-Latn-pinyin  (zh-cmn 5)(zh 5)',
    ' 2  en-gb           --/M      English_(Great_Britain) gmw/en               (en 2)',
    ' 5  yue             --/M      Chinese_(Cantonese) sit/yue              (zh-yue 5)(zh 8)',
  ].join('\n');

  it('lists each voice by the id -v takes and the name it shows', () => {
    expect(parseEspeakVoices(listing)).toEqual([
      { id: 'cmn', name: 'Chinese (Mandarin, latin as English)' },
      { id: 'cmn-latn-pinyin', name: 'Chinese (Mandarin, latin as Pinyin)' },
      { id: 'en', name: 'English (Great Britain)' },
      { id: 'yue', name: 'Chinese (Cantonese)' },
    ]);
  });
});

describe('whether an espeak-ng run played', () => {
  it('played when it ended with 0 and said nothing on stderr', () => {
    expect(playProblem(0, '')).toBeUndefined();
  });
  it('names a missing audio output (espeak-ng ends with 0 then too)', () => {
    const alsa =
      "ALSA lib confmisc.c:855:(parse_card) cannot find card '0'\nALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM default\nerror: No such file or directory\n";
    expect(playProblem(0, alsa)).toBe('no audio output: no sound card or sound server (ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM default)');
  });
  it('names what espeak-ng said when it failed', () => {
    expect(playProblem(1, 'Error: The specified espeak-ng voice does not exist.\n')).toBe('espeak-ng: Error: The specified espeak-ng voice does not exist.');
  });
});
