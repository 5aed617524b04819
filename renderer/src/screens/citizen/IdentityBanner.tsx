import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RpcOutput } from '../../../../common/rpc/contract';
import type { Language } from '../../../../common/i18n/languages';
import type { KioskClient } from '../../bridge/kiosk-client';
import { useSay } from '../../voice/voice-context';

export type SessionIdentity = { kind: 'card'; nameMasked: string } | { kind: 'face' } | null;

/** Who the session is for, and the face actions for a citizen identified by card. */
export function IdentityBanner({ client, identity, onBindFace }: { client: KioskClient; identity: SessionIdentity; onBindFace: (sharingOffered: boolean) => void }) {
  const { t, i18n } = useTranslation();
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
    const sentence = r.text[i18n.language as Language];
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
          {face.binding.text[i18n.language as Language]}
        </span>
      )}
      {face?.enabled && !face.problem && face.bound === false && face.binding?.allowed !== false && (
        <button type="button" className="secondary" data-testid="face-bind-offer" onClick={() => onBindFace(face.sharingOffered)}>
          {t('face.offerBind')}
        </button>
      )}
      {/* Offered also where nothing is held here: the deletion reaches the hall's other terminals. */}
      {(face?.bound === true || face?.deletionOffered === true) && (
        <button type="button" className="secondary" data-testid="face-unbind" onClick={() => void unbind()}>
          {t('face.unbind')}
        </button>
      )}
      {notice && (
        <span className="notice" role="status" data-testid="face-notice">
          {notice}
        </span>
      )}
    </div>
  );
}
