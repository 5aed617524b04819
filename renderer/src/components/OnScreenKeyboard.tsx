import { useState } from 'react';
import { useTranslation } from 'react-i18next';

const ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', '.-_:/@'];

/**
 * A touch keyboard for Latin letters, digits and the symbols of addresses and ids, with a real
 * input beside it (a technician's USB keyboard works too). `digitsOnly` shows the digit row only.
 */
export function OnScreenKeyboard(props: { label: string; value: string; digitsOnly?: boolean; onDone: (value: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(props.value);
  const [shift, setShift] = useState(false);
  const rows = props.digitsOnly ? [ROWS[0]!] : ROWS;
  return (
    <div className="overlay" role="dialog" aria-label={props.label} data-testid="keyboard">
      <div className="dialog keyboard">
        <label className="keyboard-label">
          {props.label}
          <input className="keyboard-input" data-testid="keyboard-input" value={value} onChange={(e) => setValue(e.target.value)} autoFocus />
        </label>
        {rows.map((row) => (
          <div className="keyboard-row" key={row}>
            {Array.from(row).map((ch) => {
              const key = shift ? ch.toUpperCase() : ch;
              return (
                <button key={ch} type="button" className="key" data-testid={`key-${ch}`} onClick={() => setValue(value + key)}>
                  {key}
                </button>
              );
            })}
          </div>
        ))}
        <div className="keyboard-row">
          {!props.digitsOnly && (
            <button type="button" className={shift ? 'key wide selected' : 'key wide'} aria-pressed={shift} onClick={() => setShift(!shift)}>
              {t('keyboard.shift')}
            </button>
          )}
          <button type="button" className="key wide" data-testid="key-backspace" onClick={() => setValue(value.slice(0, -1))}>
            {t('keyboard.backspace')}
          </button>
          <button type="button" className="key wide" data-testid="key-clear" onClick={() => setValue('')}>
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
