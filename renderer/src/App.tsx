import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../common/i18n/languages';
import type { UiSettings } from '../../common/rpc/contract';
import type { KioskClient } from './bridge/kiosk-client';
import { TopBar } from './components/TopBar';
import { IdleCountdown } from './components/IdleCountdown';
import { Notice } from './components/Notice';
import { KioskProvider, type Kiosk, type KioskMode } from './kiosk/kiosk-context';
import { useUiSettings } from './kiosk/use-ui-settings';
import { isCitizenScreen, isStaffScreen, type JourneyEffect, type Screen } from './navigation/journey';
import { JourneyScreen } from './navigation/JourneyScreen';
import { useCoreJourneyEvents } from './navigation/use-core-journey-events';
import { useJourney } from './navigation/use-journey';
import { useIdleTimer } from './session/use-idle-timer';
import { createSessionResetter } from './session/session-reset';
import { useCornerGesture } from './screens/staff/use-corner-gesture';
import { CardUnreadableNotice } from './screens/citizen/CardUnreadableNotice';
import { DemoPanel } from './screens/demo/DemoPanel';
import { speechInProgress } from './voice/speak';
import { sessionHeld } from './session/session-hold';

const modeOf = (screen: Screen): KioskMode => (screen === 'technician' ? 'technician' : isStaffScreen(screen) ? 'staff' : 'citizen');

export function App({ client }: { client: KioskClient }) {
  const { t } = useTranslation();
  const { settings, failed } = useUiSettings(client);
  if (!settings) {
    return (
      <div className="app loading" data-testid="loading">
        {failed && <Notice>{t('errors.coreUnavailable')}</Notice>}
      </div>
    );
  }
  return <KioskApp client={client} settings={settings} />;
}

/** The kiosk once its settings are known: the session's language and mode, the journey, the idle limits. */
function KioskApp({ client, settings }: { client: KioskClient; settings: UiSettings }) {
  const { i18n } = useTranslation();
  const [language, setLanguage] = useState<Language>(settings.defaultLanguage);
  const [elderMode, setElderMode] = useState(settings.elderModeDefault);
  const [staffAutoExitS, setStaffAutoExitS] = useState(120);
  const resetSession = useMemo(() => createSessionResetter(client), [client]);

  const { state: journey, go } = useJourney((effect: JourneyEffect) => {
    switch (effect.kind) {
      case 'reset-session':
        resetSession(effect.reason);
        break;
      case 'restore-preferences':
        setLanguage(settings.defaultLanguage);
        setElderMode(settings.elderModeDefault);
        break;
      case 'staff-logout':
        void client.call('staff.logout', { token: effect.token }).catch(() => undefined);
        break;
    }
  });
  const { screen } = journey;
  useCoreJourneyEvents(client, go);

  useEffect(() => {
    void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [i18n, language]);

  const openStaff = useCallback(() => {
    void client.call('staff.status', {}).then(
      (s) => setStaffAutoExitS(s.autoExitS),
      () => undefined,
    );
    go({ type: 'staff-opened' });
  }, [client, go]);
  useCornerGesture(screen === 'attract', openStaff);

  // Staff mode leaves by itself after inactivity (the core also refuses a stale token).
  useIdleTimer({ enabled: isStaffScreen(screen), idleS: staffAutoExitS, countdownS: 0, onExpire: () => go({ type: 'staff-left' }) });

  const countingCitizen = isCitizenScreen(screen);
  const idle = useIdleTimer({
    enabled: countingCitizen,
    onActivity: () => void client.call('session.activity', { elder: elderMode }).catch(() => undefined),
    idleS: elderMode ? settings.elderIdleTimeoutS : settings.idleTimeoutS,
    countdownS: settings.countdownS,
    onExpire: () => go({ type: 'idle-expired' }),
    // A notice read aloud takes minutes without a touch: the session lasts while it is read.
    busy: () => speechInProgress() || sessionHeld(),
  });

  // The core counts 长辈版's longer idle time only if it knows the mode. The touch that switches it
  // is reported before the switch (with the old mode), so the mode itself is reported whenever it
  // changes, and when a session's screens open (the mode may have been chosen on the attract screen).
  useEffect(() => {
    if (countingCitizen) void client.call('session.activity', { elder: elderMode }).catch(() => undefined);
  }, [client, countingCitizen, elderMode]);

  const mode = modeOf(screen);
  const kiosk = useMemo<Kiosk>(
    () => ({ client, language, setLanguage, elderMode, setElderMode, mode, voice: settings.voice, timeZone: settings.timeZone }),
    [client, language, elderMode, mode, settings.voice, settings.timeZone],
  );

  return (
    <KioskProvider value={kiosk}>
      <div className={elderMode ? 'app elder' : 'app'} data-testid="app" data-screen={screen}>
        <TopBar hallName={settings.hallName[language]} languages={settings.languages} />
        <JourneyScreen journey={journey} go={go} />
        {idle.state.phase === 'countdown' && <IdleCountdown secondsLeft={idle.state.secondsLeft} onContinue={idle.keepAlive} />}
        {mode === 'citizen' && <CardUnreadableNotice />}
        {settings.demo && mode === 'citizen' && <DemoPanel />}
      </div>
    </KioskProvider>
  );
}
