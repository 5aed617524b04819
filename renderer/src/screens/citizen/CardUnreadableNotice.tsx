import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useClient } from '../../kiosk/kiosk-context';
import { useSpokenPrompt } from '../../voice/spoken-prompts';

const SHOWN_MS = 15_000;

/**
 * Shown (and said) on `idcard.read-failed`: "Your card could not be read. Please go to a staffed
 * counter." when the core refuses a card's data; "lift it and lay it on the reader again" when the
 * read broke off. A touch, a card that reads, or time hides it.
 */
export function CardUnreadableNotice() {
  const { t } = useTranslation();
  const client = useClient();
  const [shownAt, setShownAt] = useState<number | null>(null);
  const [interrupted, setInterrupted] = useState(false);

  useEffect(() => {
    const offFailed = client.on('idcard.read-failed', (e) => {
      setInterrupted(e.reason === 'read-interrupted');
      setShownAt(Date.now());
    });
    const offIdentity = client.on('identity.changed', (e) => e.kind === 'identified' && setShownAt(null));
    return () => {
      offFailed();
      offIdentity();
    };
  }, [client]);

  useEffect(() => {
    if (shownAt === null) return;
    const timer = setTimeout(() => setShownAt(null), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [shownAt]);

  const sentence = t(interrupted ? 'errors.cardReadInterrupted' : 'errors.cardUnreadable');
  useSpokenPrompt(shownAt === null ? null : sentence);
  if (shownAt === null) return null;
  return (
    <div className="overlay" role="alert" aria-live="assertive" data-testid="card-unreadable" onClick={() => setShownAt(null)}>
      <div className="dialog">
        <p>{sentence}</p>
      </div>
    </div>
  );
}
