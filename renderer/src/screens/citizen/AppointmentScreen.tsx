import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../common/i18n/languages';
import type { AppointmentView, RpcOutput } from '../../../../common/rpc/contract';
import { RpcCallError, type KioskClient } from '../../bridge/kiosk-client';
import { useSpokenPrompt } from '../../voice/voice-context';
import { IssuedTicket, issuedTicketSentence } from '../../components/IssuedTicket';

type CheckedIn = RpcOutput<'appointment.checkIn'>;

/**
 * 预约签到: the appointment found on the hub (by the scanned QR `code`, or by the card's citizen
 * when `code` is null), a 签到 button when it may be checked in now, else the sentence saying why
 * not; after check-in the number the hub issued, printed like a queue ticket.
 */
export function AppointmentScreen(props: {
  client: KioskClient;
  language: Language;
  code: string | null;
  onBack: () => void;
  onDone: (serviceCode: string) => void;
  /** True from the touch on 签到 while the number is on screen: a new scan must not replace it. */
  onBusy?: (busy: boolean) => void;
}) {
  const { client, language, code, onBack, onDone, onBusy } = props;
  const { t } = useTranslation();
  const [appointments, setAppointments] = useState<AppointmentView[] | null>(null);
  const [found, setFound] = useState<RpcOutput<'appointment.find'>['message']>(null);
  // Kept as the error itself, so a change of language shows its sentence in the new language.
  const [failure, setFailure] = useState<unknown>(null);
  const [printer, setPrinter] = useState<RpcOutput<'ticket.availability'> | null>(null);
  const [busy, setBusy] = useState(false);
  const [ticket, setTicket] = useState<CheckedIn | null>(null);

  const messageOf = (err: unknown) => (err instanceof RpcCallError && err.error.citizenMessage ? err.error.citizenMessage[language] : t('errors.coreUnavailable'));

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

  const spoken = ticket
    ? `${t('appointment.checkedIn')} ${ticket.number}。${issuedTicketSentence(ticket, language, t)}`
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
    return <IssuedTicket testIdPrefix="appointment" className="ticket appointment" label={t('appointment.checkedIn')} ticket={ticket} language={language} onDone={() => onDone(ticket.serviceCode)} />;
  }

  return (
    <main className="appointment" data-testid="appointment-screen">
      <h2 className="screen-title">{t('appointment.title')}</h2>
      {appointments === null && !problem && (
        <p className="notice" role="status" data-testid="appointment-looking">
          {t('appointment.looking')}
        </p>
      )}
      {message && (
        <p className="notice" role="alert" data-testid="appointment-message">
          {message}
        </p>
      )}
      {printerProblem && appointments?.some((a) => a.state === 'ready') && (
        <p className="notice" role="alert" data-testid="appointment-printer">
          {printerProblem}
        </p>
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
                <p className="notice" role="alert" data-testid="appointment-sentence">
                  {a.sentence[language]}
                </p>
              ) : (
                <button
                  type="button"
                  className="primary appointment-check-in"
                  data-testid="appointment-check-in"
                  disabled={busy || printerProblem !== null}
                  onClick={() => void checkIn(a)}
                >
                  {busy ? t('appointment.checkingIn') : t('appointment.checkIn')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {problem && (
        <p className="notice" role="alert" data-testid="appointment-problem">
          {problem}
        </p>
      )}
      {code !== null && <p className="appointment-hint">{t('appointment.scanAnother')}</p>}
      <button type="button" className="secondary home" data-testid="appointment-back" onClick={onBack}>
        {t('appointment.back')}
      </button>
    </main>
  );
}
