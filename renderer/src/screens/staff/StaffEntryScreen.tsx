import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RpcOutput } from '../../../../common/rpc/contract';
import { RpcCallError } from '../../bridge/kiosk-client';
import { useClient } from '../../kiosk/kiosk-context';
import { PinPad } from '../../components/PinPad';
import { ActionBar } from '../../components/ActionBar';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { Screen } from '../../components/Screen';

type Status = RpcOutput<'staff.status'>;
const PIN_OK = /^\d{6,12}$/;

/** PIN entry for staff mode; on the first start, setting the PIN (entered twice) instead. */
export function StaffEntryScreen({ onEnter, onCancel }: { onEnter: (token: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [status, setStatus] = useState<Status | null>(null);
  const [pin, setPin] = useState('');
  const [firstPin, setFirstPin] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());

  const refresh = useCallback(() => client.call('staff.status', {}).then(setStatus, () => setMessage(t('errors.coreUnavailable'))), [client, t]);
  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [refresh]);

  const lockedMs = status?.lockedUntil ? Date.parse(status.lockedUntil) - now : 0;
  useEffect(() => {
    if (status?.lockedUntil && lockedMs <= 0) void refresh();
  }, [lockedMs, status, refresh]);

  if (!status) return <Screen className="staff" testId="staff-entry" />;

  const settingUp = !status.pinSet;
  const submit = async () => {
    setMessage(null);
    if (!PIN_OK.test(pin)) {
      setMessage(t('staff.pinRule'));
      return;
    }
    if (settingUp) {
      if (firstPin === null) {
        setFirstPin(pin);
        setPin('');
        return;
      }
      if (firstPin !== pin) {
        setFirstPin(null);
        setPin('');
        setMessage(t('staff.pinMismatch'));
        return;
      }
      const { token } = await client.call('staff.setInitialPin', { pin });
      onEnter(token);
      return;
    }
    try {
      const { token } = await client.call('staff.login', { pin });
      onEnter(token);
    } catch (err) {
      setPin('');
      const next = await client.call('staff.status', {});
      setStatus(next);
      if (!(err instanceof RpcCallError)) setMessage(t('errors.coreUnavailable'));
      else if (!next.lockedUntil) setMessage(t('staff.wrongPin', { count: next.failuresLeft }));
    }
  };

  const locked = lockedMs > 0;
  const mm = Math.floor(lockedMs / 60000);
  const ss = String(Math.floor((lockedMs % 60000) / 1000)).padStart(2, '0');

  return (
    <Screen
      className="staff staff-entry"
      testId="staff-entry"
      title={settingUp ? (firstPin === null ? t('staff.setPinTitle') : t('staff.confirmPinTitle')) : t('staff.enterPinTitle')}
    >
      {settingUp && <p className="staff-hint">{t('staff.setPinHint')}</p>}
      {locked && (
        <Notice role="alert" testId="staff-locked">
          {t('staff.locked', { minutes: mm, seconds: ss })}
        </Notice>
      )}
      {message && !locked && (
        <Notice role="alert" testId="staff-message">
          {message}
        </Notice>
      )}
      <PinPad value={pin} onChange={setPin} disabled={locked} />
      <ActionBar>
        <ActionButton kind="secondary" testId="staff-cancel" onClick={onCancel}>
          {t('staff.cancel')}
        </ActionButton>
        <ActionButton kind="primary" testId="pin-submit" disabled={locked || pin.length === 0} onClick={() => void submit()}>
          {t('staff.confirm')}
        </ActionButton>
      </ActionBar>
    </Screen>
  );
}
