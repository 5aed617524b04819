import type { Language } from '../../../../common/i18n/languages';
import type { NoticeShown } from '../../../../common/rpc/contract';
import type { KioskClient } from '../../bridge/kiosk-client';
import { FACE_NOTICE_ACTIONS } from '../../i18n/strings/face-notice';
import { FaceNotice, noticeShown, useFaceNoticeFacts } from './FaceNotice';

/** Before 刷脸办事 opens the camera: the notice, then the citizen goes on (naming the notice read) or takes the ID card instead. */
export function FaceNoticeScreen({ client, language, onContinue, onUseCard }: { client: KioskClient; language: Language; onContinue: (notice: NoticeShown) => void; onUseCard: () => void }) {
  const { facts, failed } = useFaceNoticeFacts(client);
  const actions = FACE_NOTICE_ACTIONS[language];
  const useCard = (
    <button type="button" className="secondary" data-testid="notice-use-card" onClick={onUseCard}>
      {actions.useCard}
    </button>
  );
  return (
    <main className="consent" data-testid="face-notice-screen">
      <FaceNotice
        facts={facts}
        failed={failed}
        language={language}
        purpose="identify"
        fallback={useCard}
        actions={
          <div className="staff-actions">
            {useCard}
            <button type="button" className="primary" data-testid="notice-continue" onClick={() => facts && onContinue(noticeShown(facts, language))}>
              {actions.continue}
            </button>
          </div>
        }
      />
    </main>
  );
}
