import type { NoticeShown } from '../../../../common/rpc/contract';
import { ActionBar } from '../../components/ActionBar';
import { ActionButton } from '../../components/ActionButton';
import { Screen } from '../../components/Screen';
import { useLanguage } from '../../kiosk/kiosk-context';
import { FACE_NOTICE_ACTIONS } from '../../i18n/strings/face-notice';
import { FaceNotice, noticeShown, useFaceNoticeFacts } from './FaceNotice';

/** Before 刷脸办事 opens the camera: the notice, then the citizen goes on (naming the notice read) or takes the ID card instead. */
export function FaceNoticeScreen({ onContinue, onUseCard }: { onContinue: (notice: NoticeShown) => void; onUseCard: () => void }) {
  const language = useLanguage();
  const { facts, failed } = useFaceNoticeFacts();
  const actions = FACE_NOTICE_ACTIONS[language];
  const useCard = (
    <ActionButton kind="secondary" testId="notice-use-card" onClick={onUseCard}>
      {actions.useCard}
    </ActionButton>
  );
  return (
    <Screen className="consent" testId="face-notice-screen">
      <FaceNotice
        facts={facts}
        failed={failed}
        purpose="identify"
        fallback={useCard}
        actions={
          <ActionBar>
            {useCard}
            <ActionButton kind="primary" testId="notice-continue" onClick={() => facts && onContinue(noticeShown(facts, language))}>
              {actions.continue}
            </ActionButton>
          </ActionBar>
        }
      />
    </Screen>
  );
}
