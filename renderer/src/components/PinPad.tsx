import { useTranslation } from 'react-i18next';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'back'] as const;

/** A numeric PIN pad: dots for the digits entered, never the digits themselves. */
export function PinPad({
  value,
  onChange,
  maxLength = 12,
  disabled = false,
}: {
  value: string;
  onChange: (v: string) => void;
  maxLength?: number;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const press = (key: (typeof KEYS)[number]) => {
    if (key === 'clear') onChange('');
    else if (key === 'back') onChange(value.slice(0, -1));
    else if (value.length < maxLength) onChange(value + key);
  };
  return (
    <div className="pin-pad">
      <div className="pin-dots" data-testid="pin-dots" aria-label={t('staff.pinEntered', { count: value.length })}>
        {value.length === 0 ? <span className="pin-placeholder">{t('staff.pinPlaceholder')}</span> : '●'.repeat(value.length)}
      </div>
      <div className="pin-keys">
        {KEYS.map((key) => (
          <button key={key} type="button" className="pin-key" disabled={disabled} data-testid={`pin-${key}`} onClick={() => press(key)}>
            {key === 'clear' ? t('staff.clear') : key === 'back' ? t('staff.backspace') : key}
          </button>
        ))}
      </div>
    </div>
  );
}
