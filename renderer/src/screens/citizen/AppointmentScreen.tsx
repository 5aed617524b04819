import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppointmentView, RpcOutput } from '../../../../common/rpc/contract';
import { RpcCallError } from '../../bridge/kiosk-client';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { Screen } from '../../components/Screen';
import { useKiosk } from '../../kiosk/kiosk-context';
import { useSpokenPrompt, useSpokenSentences } from '../../voice/spoken-prompts';
import { IssuedTicket } from '../../components/IssuedTicket';

type CheckedIn = RpcOutput<'appointment.checkIn'>;

/**
 * 预约签到: the appointment found on the hub (by the scanned QR `code`, or by the card's citizen
 * when `code` is null), a 签到 button when it may be checked in now, else the sentence saying why
 * not; after check-in the number the hub issued, printed like a queue ticket.
 */
export function AppointmentScreen(props: {
  code: string | null;
  onBack: () => void;
  onDone: (serviceCode: string) => void;
  /** True from the touch on 签到 while the number is on screen: a new scan must not replace it. */
  onBusy?: (busy: boolean) => void;
}) {
  const { code, onBack, onDone, onBusy } = props;
  const { t } = useTranslation();
  const { client, language } = useKiosk();
  const [appointments, setAppointments] = useState<AppointmentView[] | null>(null);
  const [found, setFound] = useState<RpcOutput<'appointment.find'>['message']>(null);
  // Kept as the error itself, so a change of language shows its sentence in the new language.
  const [failure, setFailure] = useState<unknown>(null);
  const [printer, setPrinter] = useState<RpcOutput<'ticket.availability'> | null>(null);
  const [busy, setBusy] = useState(false);
  const [ticket, setTicket] = useState<CheckedIn | null>(null);

  const messageOf = (err: unknown) =>
    err instanceof RpcCallError && err.error.citizenMessage ? err.error.citizenMessage[language] : t('errors.coreUnavailable');

  useEffect(() => {
    let live = true;
    client.call('appointment.find', code === null ? {} : { code }).then(
      (r) => {
        if (!live) return;
        setAppointments(r.appointments);
        setFound(r.message);
      },
      (err: unknown) => live && setFailure(err ?? 'failed'),
    );
    return () => {
      live = false;
    };
    // Looked up once per code; the language only changes how the answer is shown.
  }, [client, code]);

  useEffect(() => {
    const check = () => client.call('ticket.availability', {}).then(setPrinter, () => undefined);
    void check();
    return client.on('device.state', (s) => s.device === 'printer' && void check());
  }, [client]);

  const message = found ? found[language] : null;
  const problem = failure === null ? null : messageOf(failure);
  const printerProblem = printer && !printer.available && printer.citizenMessage ? printer.citizenMessage[language] : null;
  const only = appointments?.length === 1 ? appointments[0]! : null;

  const sentences = useSpokenSentences();
  const spoken = ticket
    ? sentences.checkedIn(ticket.number, ticket.printed ? null : (ticket.printProblem?.[language] ?? ''))
    : (problem ??
      (appointments === null
        ? t('appointment.looking')
        : (message ?? (only?.sentence ? only.sentence[language] : (printerProblem ?? t('appointment.foundPrompt'))))));
  useSpokenPrompt(language === 'en' ? spoken.replace('。', '. ') : spoken);

  useEffect(() => () => onBusy?.(false), [onBusy]);

  const checkIn = async (a: AppointmentView) => {
    setBusy(true);
    setFailure(null);
    onBusy?.(true);
    try {
      setTicket(await client.call('appointment.checkIn', { appointmentId: a.id, lang: language }));
    } catch (err) {
      setFailure(err ?? 'failed');
      onBusy?.(false);
    } finally {
      setBusy(false);
    }
  };

  if (ticket) {
    return (
      <IssuedTicket
        testIdPrefix="appointment"
        className="ticket appointment"
        label={t('appointment.checkedIn')}
        ticket={ticket}
        onDone={() => onDone(ticket.serviceCode)}
      />
    );
  }

  return (
    <Screen className="appointment" testId="appointment-screen" title={t('appointment.title')}>
      {appointments === null && !problem && (
        <Notice role="status" testId="appointment-looking">
          {t('appointment.looking')}
        </Notice>
      )}
      {message && (
        <Notice role="alert" testId="appointment-message">
          {message}
        </Notice>
      )}
      {printerProblem && appointments?.some((a) => a.state === 'ready') && (
        <Notice role="alert" testId="appointment-printer">
          {printerProblem}
        </Notice>
      )}
      {appointments && appointments.length > 0 && (
        <ul className="appointment-list">
          {appointments.map((a) => (
            <li key={a.id} className={`appointment-card ${a.state}`} data-testid="appointment" data-state={a.state}>
              <dl>
                <dt>{t('appointment.service')}</dt>
                <dd className="appointment-service" data-testid="appointment-service">
                  {a.service[language]}
                </dd>
                <dt>{t('appointment.slot')}</dt>
                <dd className="appointment-slot" data-testid="appointment-slot">
                  {a.slotText[language]}
                </dd>
              </dl>
              {a.sentence ? (
                <Notice role="alert" testId="appointment-sentence">
                  {a.sentence[language]}
                </Notice>
              ) : (
                <ActionButton
                  kind="primary"
                  className="appointment-check-in"
                  testId="appointment-check-in"
                  disabled={printerProblem !== null}
                  busy={busy}
                  busyLabel={t('appointment.checkingIn')}
                  onClick={() => void checkIn(a)}
                >
                  {t('appointment.checkIn')}
                </ActionButton>
              )}
            </li>
          ))}
        </ul>
      )}
      {problem && (
        <Notice role="alert" testId="appointment-problem">
          {problem}
        </Notice>
      )}
      {code !== null && <p className="appointment-hint">{t('appointment.scanAnother')}</p>}
      <ActionButton kind="secondary" className="home" testId="appointment-back" onClick={onBack}>
        {t('appointment.back')}
      </ActionButton>
    </Screen>
  );
}
