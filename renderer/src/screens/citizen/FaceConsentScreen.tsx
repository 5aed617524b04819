import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FaceNoticeFacts } from '../../../../common/rpc/contract';
import { ActionBar } from '../../components/ActionBar';
import { ActionButton } from '../../components/ActionButton';
import { Screen } from '../../components/Screen';
import { useLanguage } from '../../kiosk/kiosk-context';
import type { FaceConsents } from '../../navigation/journey';
import { useSpokenPrompt } from '../../voice/spoken-prompts';
import { FaceNotice, noticeShown, useFaceNoticeFacts } from './FaceNotice';

/**
 * Versions of the consent texts (the notice in strings/face-notice.ts, the share text in
 * strings/consent.ts); change them whenever a text changes. The consent record keeps the version with
 * the language and the hash of the notice's facts (face.start's `notice`).
 */
export const CONSENT_TEXT_VERSIONS = { store: 'face-store-2026-12b', share: 'face-share-2026-11' } as const;

export type { FaceConsents };

/**
 * The two separate consents for binding a face: storing it on this terminal (needed to bind), asked
 * under the full notice, then sharing it with the hall's other terminals (optional, and offered
 * only where the hall key makes sharing work). Declining the first ends here: the ID card always
 * remains the way to be served.
 */
export function FaceConsentScreen(props: { sharingOffered: boolean; onAgree: (c: FaceConsents) => void; onDecline: () => void }) {
  const { sharingOffered, onAgree, onDecline } = props;
  const { t } = useTranslation();
  const language = useLanguage();
  const { facts, failed } = useFaceNoticeFacts();
  const [step, setStep] = useState<'store' | 'share'>('store');
  const store = { textVersion: CONSENT_TEXT_VERSIONS.store };
  // The buttons show only under the loaded notice, so the facts are there when one is touched.
  const agree = (shown: FaceNoticeFacts | null, shareConsent: FaceConsents['shareConsent']) =>
    shown && onAgree({ storeConsent: store, shareConsent, notice: noticeShown(shown, language) });
  const decline = (
    <ActionButton kind="secondary" testId="consent-decline" onClick={() => (step === 'store' ? onDecline() : agree(facts, null))}>
      {t(`consent.${step}.decline`)}
    </ActionButton>
  );
  const buttons = (
    <ActionBar>
      {decline}
      <ActionButton
        kind="primary"
        testId="consent-agree"
        onClick={() =>
          step === 'store' && sharingOffered ? setStep('share') : agree(facts, step === 'share' ? { textVersion: CONSENT_TEXT_VERSIONS.share } : null)
        }
      >
        {t(`consent.${step}.agree`)}
      </ActionButton>
    </ActionBar>
  );
  const shareBody = t('consent.share.body', { returnObjects: true }) as string[];
  // The store step speaks the whole notice (FaceNotice); the share step its title and text.
  useSpokenPrompt(step === 'share' ? [t('consent.share.title'), ...shareBody] : null, { stopWhenGone: true });
  if (step === 'store') {
    return (
      <Screen className="consent" testId="consent-store">
        <FaceNotice facts={facts} failed={failed} purpose="bind" question={t('consent.store.title')} actions={buttons} fallback={decline} />
      </Screen>
    );
  }
  return (
    <Screen className="consent" testId="consent-share" title={t('consent.share.title')}>
      <div className="consent-text">
        {shareBody.map((p) => (
          <p key={p}>{p}</p>
        ))}
      </div>
      {buttons}
    </Screen>
  );
}
