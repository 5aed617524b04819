import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RpcOutput } from '../../../../common/rpc/contract';
import { useClient } from '../../kiosk/kiosk-context';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';
import { Screen } from '../../components/Screen';

type About = RpcOutput<'system.about'>;

/** Technician "about" screen: every value shown here came from the core over the RPC. */
export function AboutScreen({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [about, setAbout] = useState<About | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    const load = () =>
      client.call('system.about', {}).then(
        (a) => live && setAbout(a),
        () => live && setFailed(true),
      );
    void load();
    const timer = window.setInterval(() => void load(), 1000);
    return () => {
      live = false;
      window.clearInterval(timer);
    };
  }, [client]);

  const uptime = (s: number) => t('about.uptimeValue', { hours: Math.floor(s / 3600), minutes: Math.floor((s % 3600) / 60), seconds: s % 60 });

  return (
    <Screen className="about" testId="about-screen" title={t('about.title')}>
      {failed && !about && <Notice>{t('errors.coreUnavailable')}</Notice>}
      {about && (
        <dl className="facts">
          <dt>{t('about.appVersion')}</dt>
          <dd data-testid="about-version">{about.appVersion}</dd>
          <dt>{t('about.terminalId')}</dt>
          <dd data-testid="about-terminal">{about.terminalId}</dd>
          <dt>{t('about.shell')}</dt>
          <dd data-testid="about-shell">{t(`about.shells.${about.shell}`)}</dd>
          <dt>{t('about.uptime')}</dt>
          <dd data-testid="about-uptime" data-seconds={about.uptimeS}>
            {uptime(about.uptimeS)}
          </dd>
          <dt>{t('about.dataDir')}</dt>
          <dd data-testid="about-data-dir">{about.dataDir}</dd>
          <dt>{t('about.platform')}</dt>
          <dd>{`${about.platform} · Node ${about.nodeVersion}`}</dd>
        </dl>
      )}
      <ActionButton kind="secondary" testId="about-back" onClick={onBack}>
        {t('about.back')}
      </ActionButton>
    </Screen>
  );
}
