// @vitest-environment jsdom
import { act, createElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { Converter as toTraditional } from 'opencc-js/cn2t';
import { Converter as toSimplified } from 'opencc-js/t2cn';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HandwritingMatcher, type Stroke } from '../../common/chinese-input/handwriting-matcher';
import { parseLexicon, PinyinEngine } from '../../common/chinese-input/pinyin-engine';
import type { Language } from '../../common/i18n/languages';
import { OnScreenKeyboard } from '../../renderer/src/components/OnScreenKeyboard';
import { createI18n } from '../../renderer/src/i18n/i18n';
import { ChineseInputContext } from '../../renderer/src/input/chinese-input-context';
import type { ChineseInputSources } from '../../renderer/src/input/chinese-input-sources';
import { handwritingTemplates, pinyinLexicon } from '../../scripts/build-chinese-input-data';
import { writeCharacter } from '../../testing/chinese-input/simulated-writer';
import { seededRandom } from '../../base/prng';
import { HAND_DRAWN } from '../chinese-input/hand-drawn-strokes';
import { jsdomRoot } from './helpers/kiosk-screen';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/**
 * The keyboard's 拼音 and 手写 with the real matcher, lexicon and opencc over the data the build
 * makes, in this thread (jsdom has no Worker; tests/e2e/chinese-input.e2e.test.ts runs the worker).
 */
describe('Chinese entry on the on-screen keyboard', () => {
  let sources: ChineseInputSources;
  const i18n = createI18n();
  const dom = jsdomRoot();
  const { byTestId } = dom;
  let done: string[];

  beforeAll(() => {
    const matcher = new HandwritingMatcher(handwritingTemplates());
    const engine = new PinyinEngine(parseLexicon(pinyinLexicon()));
    sources = {
      handwriting: async (strokes, limit) => matcher.match(strokes, limit),
      pinyin: async () => engine,
      script: async (language) => (language === 'zh-HK' ? toTraditional({ from: 'cn', to: 'hk' }) : toSimplified({ from: 'hk', to: 'cn' })),
    };
  });
  beforeEach(async () => {
    await i18n.changeLanguage('zh-CN');
    done = [];
    dom.mount();
  });
  afterEach(() => dom.unmount());

  const open = (chinese: Language | undefined, value = '') => {
    const keyboard = createElement(OnScreenKeyboard, {
      label: '联系人',
      value,
      chinese,
      onDone: (v: string) => void done.push(v),
      onCancel: () => undefined,
    });
    return dom.render(createElement(I18nextProvider, { i18n }, createElement(ChineseInputContext.Provider, { value: sources }, keyboard)));
  };
  const click = (id: string) =>
    act(async () => {
      const el = byTestId(id);
      if (!el) throw new Error(`no ${id} on screen`);
      el.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
  const type = async (letters: string) => {
    for (const ch of letters) await click(`key-${ch}`);
  };
  const input = () => (byTestId('keyboard-input') as HTMLInputElement).value;
  const candidate = (i: number) => byTestId(`candidate-${i}`)?.textContent ?? null;
  const candidates = () =>
    [...dom.container().querySelectorAll('[data-testid^="candidate-"]')]
      .filter((el) => /^candidate-\d+$/.test(el.getAttribute('data-testid')!))
      .map((el) => el.textContent);

  /** Strokes drawn on the pad as pointer events (jsdom lays the pad out at 0,0 in its own units). */
  const draw = async (strokes: readonly Stroke[]) => {
    const pad = byTestId('handwriting-pad')!;
    const fire = (type: string, [x, y]: readonly [number, number]) => pad.dispatchEvent(new MouseEvent(type, { bubbles: true, clientX: x, clientY: y }));
    for (const stroke of strokes)
      await act(async () => {
        fire('pointerdown', stroke[0]!);
        for (const point of stroke.slice(1)) fire('pointermove', point);
        fire('pointerup', stroke.at(-1)!);
      });
  };
  const recognised = (strokes: number) => expect.poll(() => byTestId('handwriting-pad')!.getAttribute('data-recognised')).toBe(String(strokes));

  it('keeps Latin letters, digits and no Chinese modes where a field takes no Chinese', async () => {
    await open(undefined);
    expect(byTestId('keyboard-mode-pinyin')).toBeNull();
    await type('ab1');
    expect(input()).toBe('ab1');
    await open('zh-CN');
    expect(byTestId('keyboard-mode-latin')!.getAttribute('aria-checked')).toBe('true'); // Latin first: as before
  });

  it('turns sfz and shenfenzheng into 身份证 first, and picking it enters it', async () => {
    await open('zh-CN', '持');
    await click('keyboard-mode-pinyin');
    await type('sfz');
    expect(byTestId('pinyin-letters')!.textContent).toBe('sfz');
    await expect.poll(() => candidate(0)).toBe('身份证');
    await click('candidate-0');
    expect(input()).toBe('持身份证');
    expect(byTestId('pinyin-letters')!.textContent).toBe('');
    await type('shenfenzheng');
    await expect.poll(() => candidate(0)).toBe('身份证');
    await click('key-backspace'); // takes back a letter, not a character
    expect(byTestId('pinyin-letters')!.textContent).toBe('shenfenzhen');
    expect(input()).toBe('持身份证');
  });

  it('enters a phrase word by word: jiedaobanshichu → 街道, then 办事处', async () => {
    await open('zh-CN');
    await click('keyboard-mode-pinyin');
    await type('jiedaobanshichu');
    await expect.poll(() => candidate(0)).toBe('街道');
    await click('candidate-0');
    expect(byTestId('pinyin-letters')!.textContent).toBe('banshichu');
    await expect.poll(() => candidate(0)).toBe('办事处');
    await click('candidate-0');
    expect(input()).toBe('街道办事处');
    await click('keyboard-done');
    expect(done).toEqual(['街道办事处']);
  });

  it('pages through candidates eight at a time', async () => {
    await open('zh-CN');
    await click('keyboard-mode-pinyin');
    await type('wei');
    await expect.poll(() => candidate(0)).toBe('为');
    const first = candidates();
    expect(first).toHaveLength(8);
    expect(byTestId('candidates-prev')!.hasAttribute('disabled')).toBe(true);
    await click('candidates-next');
    const second = candidates();
    expect(second).toHaveLength(8);
    expect(second.filter((c) => first.includes(c))).toEqual([]);
    await click('candidate-0');
    expect(input()).toBe(second[0]);
  });

  it('writes 繁體 for zh-HK: sfz → 身份證', async () => {
    await i18n.changeLanguage('zh-HK');
    await open('zh-HK');
    await click('keyboard-mode-pinyin');
    await type('sfz');
    await expect.poll(() => candidate(0)).toBe('身份證');
  });

  it('recognises 王 written on the pad, takes back a stroke, clears, and enters a picked character', async () => {
    await open('zh-CN');
    await click('keyboard-mode-handwriting');
    expect(byTestId('key-q')).toBeNull(); // the pad takes the letters' place
    await draw(HAND_DRAWN['王']!);
    expect(byTestId('handwriting-pad')!.getAttribute('data-strokes')).toBe('4');
    await recognised(4);
    expect(candidate(0)).toBe('王');
    await click('handwriting-undo');
    expect(byTestId('handwriting-pad')!.getAttribute('data-strokes')).toBe('3');
    await recognised(3);
    expect(candidate(0)).not.toBe('王');
    await click('handwriting-clear');
    expect(byTestId('handwriting-pad')!.getAttribute('data-strokes')).toBe('0');
    expect(candidates()).toEqual([]);
    await draw(HAND_DRAWN['王']!);
    await recognised(4);
    await click('candidate-0');
    await draw(HAND_DRAWN['山']!);
    await recognised(3);
    await click('candidate-0');
    expect(input()).toBe('王山');
    expect(byTestId('handwriting-pad')!.getAttribute('data-strokes')).toBe('0');
  });

  it('offers the traditional character for zh-HK and the simplified one for zh-CN, whichever was written', async () => {
    const strokes = writeCharacter('国', seededRandom(7), 320);
    await open('zh-HK');
    await click('keyboard-mode-handwriting');
    await draw(strokes);
    await recognised(strokes.length);
    expect(candidate(0)).toBe('國');
    const traditional = writeCharacter('國', seededRandom(7), 320);
    await open('zh-CN');
    await click('handwriting-clear');
    await draw(traditional);
    await recognised(traditional.length);
    expect(candidate(0)).toBe('国');
  });
});
