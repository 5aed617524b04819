import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RpcOutput } from '../../../../common/rpc/contract';
import { ActionButton } from '../../components/ActionButton';
import { useKiosk } from '../../kiosk/kiosk-context';
import type { SessionIdentity } from '../../navigation/journey';
import { useSay } from '../../voice/spoken-prompts';

/** Who the session is for, and the face actions for a citizen identified by card. */
export function IdentityBanner({ identity, onBindFace }: { identity: SessionIdentity; onBindFace: (sharingOffered: boolean) => void }) {
  const { t } = useTranslation();
  const { client, language } = useKiosk();
  const [face, setFace] = useState<RpcOutput<'face.status'> | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const say = useSay();
  useEffect(() => {
    if (identity?.kind !== 'card') return;
    client.call('face.status', {}).then(setFace, () => setFace(null));
  }, [client, identity]);
  if (!identity) return null;

  const unbind = async () => {
    // The answer says whether a face was held here and whether the hall was told.
    const r = await client.call('face.unbind', {});
    const sentence = r.text[language];
    setNotice(sentence);
    say(sentence);
    setFace(await client.call('face.status', {}));
  };

  return (
    <div className="identity-banner" data-testid="identity-banner">
      <span className="greeting" data-testid="greeting">
        {identity.kind === 'card' ? t('face.greetingCard', { name: identity.nameMasked }) : t('face.greetingFace')}
      </span>
      {/* A child's card (under 14): the reason, never the offer. */}
      {face?.enabled && face.bound === false && face.binding?.allowed === false && face.binding.text && (
        <span className="notice" role="status" data-testid="face-bind-refused">
          {face.binding.text[language]}
        </span>
      )}
      {face?.enabled && !face.problem && face.bound === false && face.binding?.allowed !== false && (
        <ActionButton kind="secondary" testId="face-bind-offer" onClick={() => onBindFace(face.sharingOffered)}>
          {t('face.offerBind')}
        </ActionButton>
      )}
      {/* Offered also where nothing is held here: the deletion reaches the hall's other terminals. */}
      {(face?.bound === true || face?.deletionOffered === true) && (
        <ActionButton kind="secondary" testId="face-unbind" onClick={() => void unbind()}>
          {t('face.unbind')}
        </ActionButton>
      )}
      {notice && (
        <span className="notice" role="status" data-testid="face-notice">
          {notice}
        </span>
      )}
    </div>
  );
}
