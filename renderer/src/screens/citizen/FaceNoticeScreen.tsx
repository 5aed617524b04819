import { useTranslation } from 'react-i18next';
import type { NoticeShown } from '../../../../common/rpc/contract';
import { ActionBar } from '../../components/ActionBar';
import { ActionButton } from '../../components/ActionButton';
import { Screen } from '../../components/Screen';
import { useLanguage } from '../../kiosk/kiosk-context';
import { FaceNotice, noticeShown, useFaceNoticeFacts } from './FaceNotice';

/** Before 刷脸办事 opens the camera: the notice, then the citizen goes on (naming the notice read) or takes the ID card instead. */
export function FaceNoticeScreen({ onContinue, onUseCard }: { onContinue: (notice: NoticeShown) => void; onUseCard: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { facts, failed } = useFaceNoticeFacts();
  const useCard = (
    <ActionButton kind="secondary" testId="notice-use-card" onClick={onUseCard}>
      {t('face.noticeUseCard')}
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
              {t('face.noticeContinue')}
            </ActionButton>
          </ActionBar>
        }
      />
    </Screen>
  );
}
