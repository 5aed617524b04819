import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../common/i18n/languages';
import type { KioskClient } from '../../bridge/kiosk-client';
import { useSpokenPrompt } from '../../voice/voice-context';
import { FaceNotice } from './FaceNotice';

/** Versions of the consent texts (the notice in strings/face-notice.ts, the share text in resources.ts); change them whenever a text changes. */
export const CONSENT_TEXT_VERSIONS = { store: 'face-store-2026-12', share: 'face-share-2026-11' } as const;

export type FaceConsents = { storeConsent: { textVersion: string }; shareConsent: { textVersion: string } | null };

/**
 * The two separate consents for binding a face: storing it on this terminal (needed to bind), asked
 * under the full notice, then sharing it with the hall's other terminals (optional, and offered
 * only where the hall key makes sharing work). Declining the first ends here: the ID card always
 * remains the way to be served.
 */
export function FaceConsentScreen(props: { client: KioskClient; language: Language; sharingOffered: boolean; onAgree: (c: FaceConsents) => void; onDecline: () => void }) {
  const { client, language, sharingOffered, onAgree, onDecline } = props;
  const { t } = useTranslation();
  const [step, setStep] = useState<'store' | 'share'>('store');
  const store = { textVersion: CONSENT_TEXT_VERSIONS.store };
  const decline = (
    <button type="button" className="secondary" data-testid="consent-decline" onClick={() => (step === 'store' ? onDecline() : onAgree({ storeConsent: store, shareConsent: null }))}>
      {t(`consent.${step}.decline`)}
    </button>
  );
  const buttons = (
    <div className="staff-actions">
      {decline}
      <button
        type="button"
        className="primary"
        data-testid="consent-agree"
        onClick={() => (step === 'store' && sharingOffered ? setStep('share') : onAgree({ storeConsent: store, shareConsent: step === 'share' ? { textVersion: CONSENT_TEXT_VERSIONS.share } : null }))}
      >
        {t(`consent.${step}.agree`)}
      </button>
    </div>
  );
  const shareBody = t('consent.share.body', { returnObjects: true }) as string[];
  // The store step speaks the whole notice (FaceNotice); the share step its title and text.
  useSpokenPrompt(step === 'share' ? [t('consent.share.title'), ...shareBody].join(language === 'en' ? ' ' : '') : null);
  if (step === 'store') {
    return (
      <main className="consent" data-testid="consent-store">
        <FaceNotice client={client} language={language} purpose="bind" question={t('consent.store.title')} actions={buttons} fallback={decline} />
      </main>
    );
  }
  return (
    <main className="consent" data-testid="consent-share">
      <h2 className="screen-title">{t('consent.share.title')}</h2>
      <div className="consent-text">
        {shareBody.map((p) => (
          <p key={p}>{p}</p>
        ))}
      </div>
      {buttons}
    </main>
  );
}
