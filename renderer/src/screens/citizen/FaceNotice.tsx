import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../../common/i18n/languages';
import type { FaceNoticeFacts, NoticeShown } from '../../../../common/rpc/contract';
import { Notice } from '../../components/Notice';
import { useKiosk } from '../../kiosk/kiosk-context';
import { faceNotice, type NoticePurpose } from '../../i18n/strings/face-notice';
import { useSpokenPrompt } from '../../voice/spoken-prompts';

/** The notice's facts from the core (`face.notice`), loaded when the screen opens; `failed` when the core cannot say them. */
export function useFaceNoticeFacts(): { facts: FaceNoticeFacts | null; failed: boolean } {
  const { client } = useKiosk();
  const [facts, setFacts] = useState<FaceNoticeFacts | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    client.call('face.notice', {}).then(
      (f) => live && setFacts(f),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [client]);
  return { facts, failed };
}

/** What face.start is told of the notice the citizen read: its language and facts (the consent record names them). */
export function noticeShown(facts: FaceNoticeFacts, language: Language): NoticeShown {
  return { language, factsHash: facts.factsHash };
}

/**
 * The face notice, shown (and spoken in full, paragraph by paragraph) before the camera opens:
 * its facts come from the core (`useFaceNoticeFacts`), its sentences from the string file.
 * `actions` (the buttons that go on to the camera) appear only once the notice is on screen; if
 * the core cannot say it, `fallback` does. The reading stops when the notice goes.
 */
export function FaceNotice(props: {
  facts: FaceNoticeFacts | null;
  failed: boolean;
  purpose: NoticePurpose;
  question?: string;
  actions: ReactNode;
  fallback: ReactNode;
}) {
  const { facts, failed, purpose, question } = props;
  const { t } = useTranslation();
  const { language } = useKiosk();

  const notice = facts ? faceNotice(facts, language, purpose) : null;
  const stop = language === 'en' ? '.' : '。';
  const spoken = notice ? [notice.title + stop, ...notice.paragraphs.map((p) => p.text), ...(question ? [question] : [])] : null;
  useSpokenPrompt(failed ? t('face.unavailable') : spoken, { stopWhenGone: true });

  if (failed) {
    return (
      <>
        <Notice role="alert" testId="privacy-notice-failed">
          {t('face.unavailable')}
        </Notice>
        {props.fallback}
      </>
    );
  }
  if (!notice) return null;
  return (
    <>
      <h2 className="screen-title">{notice.title}</h2>
      {/* Long in 长辈版's large type: the text scrolls, the buttons stay in view. */}
      <div className="consent-text" data-testid="privacy-notice" style={{ maxWidth: 1400, maxHeight: '58vh', overflowY: 'auto' }}>
        {notice.paragraphs.map((p) => (
          <p key={p.element} data-element={p.element}>
            {p.text}
          </p>
        ))}
      </div>
      {question && (
        <p className="screen-title" data-testid="privacy-question">
          {question}
        </p>
      )}
      {props.actions}
    </>
  );
}
