import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSpokenPrompt } from '../../voice/voice-context';

/** Versions of the consent texts in resources.ts; change them whenever a text changes. */
export const CONSENT_TEXT_VERSIONS = { store: 'face-store-2026-11', share: 'face-share-2026-11' } as const;

export type FaceConsents = { storeConsent: { textVersion: string }; shareConsent: { textVersion: string } | null };

/**
 * The two separate consents for binding a face: storing it on this terminal (needed to bind), then
 * sharing it with the hall's other terminals (optional). Declining the first ends here: the ID card
 * always remains the way to be served.
 */
export function FaceConsentScreen({ sharingOffered, onAgree, onDecline }: { sharingOffered: boolean; onAgree: (c: FaceConsents) => void; onDecline: () => void }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<'store' | 'share'>('store');
  const store = { textVersion: CONSENT_TEXT_VERSIONS.store };
  useSpokenPrompt(t(`consent.${step}.title`));
  return (
    <main className="consent" data-testid={`consent-${step}`}>
      <h2 className="screen-title">{t(`consent.${step}.title`)}</h2>
      <div className="consent-text">
        {(t(`consent.${step}.body`, { returnObjects: true }) as string[]).map((p) => (
          <p key={p}>{p}</p>
        ))}
      </div>
      <div className="staff-actions">
        <button type="button" className="secondary" data-testid="consent-decline" onClick={() => (step === 'store' ? onDecline() : onAgree({ storeConsent: store, shareConsent: null }))}>
          {t(`consent.${step}.decline`)}
        </button>
        <button
          type="button"
          className="primary"
          data-testid="consent-agree"
          onClick={() => (step === 'store' && sharingOffered ? setStep('share') : onAgree({ storeConsent: store, shareConsent: step === 'share' ? { textVersion: CONSENT_TEXT_VERSIONS.share } : null }))}
        >
          {t(`consent.${step}.agree`)}
        </button>
      </div>
    </main>
  );
}
