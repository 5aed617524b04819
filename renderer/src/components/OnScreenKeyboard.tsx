import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../common/i18n/languages';
import { HandwritingPad } from '../input/HandwritingPad';
import { PinyinBar } from '../input/PinyinBar';

const ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', '.-_:/@'];

type Mode = 'latin' | 'pinyin' | 'handwriting';
const MODES: Mode[] = ['latin', 'pinyin', 'handwriting'];

/**
 * A touch keyboard for Latin letters, digits and the symbols of addresses and ids, with a real
 * input beside it (a technician's USB keyboard works too). `digitsOnly` shows the digit row only.
 * `chinese` adds 拼音 and 手写 (handwriting) entry, producing characters in that language's script
 * (繁體 for zh-HK).
 */
export function OnScreenKeyboard(props: {
  label: string;
  value: string;
  digitsOnly?: boolean;
  chinese?: Language;
  onDone: (value: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [value, setValue] = useState(props.value);
  const [shift, setShift] = useState(false);
  const [mode, setMode] = useState<Mode>('latin');
  const [letters, setLetters] = useState('');
  const chinese = props.digitsOnly ? undefined : props.chinese;
  const rows = props.digitsOnly ? [ROWS[0]!] : mode === 'handwriting' ? [] : ROWS;

  const press = (key: string) => {
    if (mode === 'pinyin' && /^[a-z]$/.test(key)) setLetters(letters + key);
    else setValue(value + key);
  };
  const backspace = () => (mode === 'pinyin' && letters ? setLetters(letters.slice(0, -1)) : setValue(value.slice(0, -1)));
  const pick = (word: string, consumed: number) => {
    setValue(value + word);
    setLetters(letters.slice(consumed));
  };
  const switchTo = (next: Mode) => {
    setMode(next);
    setLetters('');
  };

  return (
    <div className="overlay" role="dialog" aria-label={props.label} data-testid="keyboard">
      <div className="dialog keyboard">
        <label className="keyboard-label">
          {props.label}
          <input className="keyboard-input" data-testid="keyboard-input" value={value} onChange={(e) => setValue(e.target.value)} autoFocus />
        </label>
        {chinese && (
          <div className="keyboard-row keyboard-modes" role="radiogroup" aria-label={t('keyboard.mode')}>
            {MODES.map((m) => (
              <button
                key={m}
                type="button"
                role="radio"
                aria-checked={m === mode}
                className={m === mode ? 'switch selected' : 'switch'}
                data-testid={`keyboard-mode-${m}`}
                onClick={() => switchTo(m)}
              >
                {t(`keyboard.modes.${m}`)}
              </button>
            ))}
          </div>
        )}
        {chinese && mode === 'pinyin' && <PinyinBar letters={letters} language={chinese} onPick={pick} />}
        {chinese && mode === 'handwriting' && <HandwritingPad language={chinese} onPick={(char) => setValue(value + char)} />}
        {rows.map((row) => (
          <div className="keyboard-row" key={row}>
            {Array.from(row).map((ch) => {
              const key = shift && mode === 'latin' ? ch.toUpperCase() : ch;
              return (
                <button key={ch} type="button" className="key" data-testid={`key-${ch}`} onClick={() => press(key)}>
                  {key}
                </button>
              );
            })}
          </div>
        ))}
        <div className="keyboard-row">
          {!props.digitsOnly && mode === 'latin' && (
            <button type="button" className={shift ? 'key wide selected' : 'key wide'} aria-pressed={shift} onClick={() => setShift(!shift)}>
              {t('keyboard.shift')}
            </button>
          )}
          <button type="button" className="key wide" data-testid="key-backspace" onClick={backspace}>
            {t('keyboard.backspace')}
          </button>
          <button type="button" className="key wide" data-testid="key-clear" onClick={() => (setValue(''), setLetters(''))}>
            {t('keyboard.clear')}
          </button>
          <button type="button" className="key wide secondary" data-testid="keyboard-cancel" onClick={props.onCancel}>
            {t('keyboard.cancel')}
          </button>
          <button type="button" className="key wide primary" data-testid="keyboard-done" onClick={() => props.onDone(value)}>
            {t('keyboard.done')}
          </button>
        </div>
      </div>
    </div>
  );
}
