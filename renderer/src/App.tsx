import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../common/i18n/languages';
import type { UiSettings } from '../../common/rpc/contract';
import type { KioskClient } from './bridge/kiosk-client';
import { TopBar } from './components/TopBar';
import { IdleCountdown } from './components/IdleCountdown';
import { AttractScreen } from './screens/citizen/AttractScreen';
import { ServiceMenuScreen } from './screens/citizen/ServiceMenuScreen';
import { AboutScreen } from './screens/technician/AboutScreen';
import { useIdleTimer } from './session/use-idle-timer';
import { useCornerGesture } from './screens/staff/use-corner-gesture';
import { StaffEntryScreen } from './screens/staff/StaffEntryScreen';
import { SettingsScreen } from './screens/staff/SettingsScreen';
import { TechnicianScreen } from './screens/technician/TechnicianScreen';
import { FaceCaptureScreen, type FaceMode } from './screens/citizen/FaceCaptureScreen';
import { FaceConsentScreen } from './screens/citizen/FaceConsentScreen';
import { FaceNoticeScreen } from './screens/citizen/FaceNoticeScreen';
import { IdentityBanner, type SessionIdentity } from './screens/citizen/IdentityBanner';
import { CardUnreadableNotice } from './screens/citizen/CardUnreadableNotice';
import { TicketScreen } from './screens/citizen/TicketScreen';
import { RatingScreen } from './screens/citizen/RatingScreen';
import { ResultsScreen } from './screens/citizen/ResultsScreen';
import { AppointmentScreen } from './screens/citizen/AppointmentScreen';
import { FormScreen } from './screens/citizen/FormScreen';
import { DemoPanel } from './screens/demo/DemoPanel';
import type { CatalogService } from '../../common/catalog/schema';
import { VoiceProvider } from './voice/voice-context';
import { speechInProgress } from './voice/speak';
import { createSessionResetter } from './session/session-reset';

type Screen = 'attract' | 'menu' | 'about' | 'staff-entry' | 'settings' | 'technician' | 'face-notice' | 'face-consent' | 'face-capture' | 'ticket' | 'results' | 'rating' | 'form' | 'appointment';
const CITIZEN_SCREENS: Screen[] = ['menu', 'about', 'face-notice', 'face-consent', 'face-capture', 'ticket', 'results', 'rating', 'form', 'appointment'];
const STAFF_SCREENS: Screen[] = ['staff-entry', 'settings', 'technician'];

export function App({ client }: { client: KioskClient }) {
  const { t, i18n } = useTranslation();
  const [settings, setSettings] = useState<UiSettings | null>(null);
  const [failed, setFailed] = useState(false);
  const [screen, setScreen] = useState<Screen>('attract');
  const [language, setLanguage] = useState<Language>('zh-CN');
  const [elderMode, setElderMode] = useState(false);
  const [staffToken, setStaffToken] = useState<string | null>(null);
  const [staffAutoExitS, setStaffAutoExitS] = useState(120);
  const [identity, setIdentity] = useState<SessionIdentity>(null);
  const [faceMode, setFaceMode] = useState<FaceMode>({ mode: 'identify' });
  const [sharingOffered, setSharingOffered] = useState(false);
  const [service, setService] = useState<CatalogService | null>(null);
  // 预约签到: the code scanned (null: by the card), renewed by each scan; its service is rated after.
  const [appointment, setAppointment] = useState<{ code: string | null; nonce: number; serviceCode: string | null } | null>(null);
  const screenRef = useRef(screen);
  screenRef.current = screen;
  // While a check-in runs or its number is shown, a new scan must not replace it.
  const appointmentBusy = useRef(false);
  const setAppointmentBusy = useCallback((busy: boolean) => {
    appointmentBusy.current = busy;
  }, []);
  const resetSession = useMemo(() => createSessionResetter(client), [client]);

  useEffect(() => {
    client.call('ui.settings', {}).then(
      (s) => {
        setSettings(s);
        setLanguage(s.defaultLanguage);
        setElderMode(s.elderModeDefault);
      },
      () => setFailed(true),
    );
    return client.on('ui.settings-changed', setSettings);
  }, [client]);

  useEffect(
    () =>
      client.on('identity.changed', (event) => {
        if (event.kind === 'identified') {
          setIdentity({ kind: 'card', nameMasked: event.identity.nameMasked });
          setScreen((s) => (STAFF_SCREENS.includes(s) ? s : 'menu'));
        } else if (event.kind === 'face-identified') {
          setIdentity({ kind: 'face' });
        } else {
          setIdentity(null);
        }
      }),
    [client],
  );

  // A QR scanned on the attract screen, the menu or the appointment screen starts (or restarts) check-in.
  useEffect(
    () =>
      client.on('scanner.scanned', ({ code }) => {
        if (!['attract', 'menu', 'appointment'].includes(screenRef.current)) return;
        if (screenRef.current === 'appointment' && appointmentBusy.current) return;
        setAppointment((a) => ({ code, nonce: (a?.nonce ?? 0) + 1, serviceCode: null }));
        setScreen('appointment');
      }),
    [client],
  );

  useEffect(() => {
    void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [i18n, language]);

  // Everything of the citizen lives in screen state below App; unmounting drops it.
  const clearCitizen = useCallback(() => {
      setScreen('attract');
      setIdentity(null);
      setAppointment(null);
      setService(null);
      setFaceMode({ mode: 'identify' });
      setSharingOffered(false);
      appointmentBusy.current = false;
      if (settings) {
        setLanguage(settings.defaultLanguage);
        setElderMode(settings.elderModeDefault);
      }
  }, [settings]);

  const backToStart = useCallback(
    (reason: 'idle' | 'done' | 'citizen') => {
      clearCitizen();
      resetSession(reason);
    },
    [clearCitizen, resetSession],
  );

  // The core ends a session by itself (after its idle limit, or when the renderer that showed it
  // went), and the web shell's connection dropping ends it too: the screen follows. No call about
  // the citizen would be answered any more.
  useEffect(() => {
    const followCore = () => {
      if (CITIZEN_SCREENS.includes(screenRef.current)) clearCitizen();
    };
    const offReset = client.on('session.reset', ({ reason }) => {
      if (reason === 'expired' || reason === 'renderer') followCore();
    });
    const offReconnected = client.onReconnected(followCore);
    return () => {
      offReset();
      offReconnected();
    };
  }, [client, clearCitizen]);

  const openStaff = useCallback(() => {
    void client.call('staff.status', {}).then((s) => setStaffAutoExitS(s.autoExitS), () => undefined);
    setScreen('staff-entry');
  }, [client]);
  useCornerGesture(screen === 'attract', openStaff);

  const leaveStaff = useCallback(() => {
    if (staffToken) void client.call('staff.logout', { token: staffToken }).catch(() => undefined);
    setStaffToken(null);
    setScreen('attract');
    // A technician's test read must not become the next citizen's identity.
    resetSession('staff');
  }, [client, resetSession, staffToken]);

  // Staff mode leaves by itself after inactivity (the core also refuses a stale token).
  useIdleTimer({ enabled: STAFF_SCREENS.includes(screen), idleS: staffAutoExitS, countdownS: 0, onExpire: leaveStaff });

  const countingCitizen = CITIZEN_SCREENS.includes(screen) && settings !== null;
  const idle = useIdleTimer({
    enabled: countingCitizen,
    onActivity: () => void client.call('session.activity', { elder: elderMode }).catch(() => undefined),
    idleS: elderMode ? (settings?.elderIdleTimeoutS ?? 120) : (settings?.idleTimeoutS ?? 60),
    countdownS: settings?.countdownS ?? 15,
    onExpire: () => backToStart('idle'),
    // A notice read aloud takes minutes without a touch: the session lasts while it is read.
    busy: speechInProgress,
  });

  // The core counts 长辈版's longer idle time only if it knows the mode. The touch that switches it
  // is reported before the switch (with the old mode), so the mode itself is reported whenever it
  // changes, and when a session's screens open (the mode may have been chosen on the attract screen).
  useEffect(() => {
    if (countingCitizen) void client.call('session.activity', { elder: elderMode }).catch(() => undefined);
  }, [client, countingCitizen, elderMode]);

  if (!settings) {
    return (
      <div className="app loading" data-testid="loading">
        {failed && <p className="notice">{t('errors.coreUnavailable')}</p>}
      </div>
    );
  }

  return (
    <VoiceProvider language={language} enabled={settings.voice}>
    <div className={elderMode ? 'app elder' : 'app'} data-testid="app" data-screen={screen}>
      <TopBar
        hallName={settings.hallName[language]}
        languages={settings.languages}
        language={language}
        elderMode={elderMode}
        onLanguage={setLanguage}
        onElderMode={setElderMode}
      />
      {screen === 'attract' && (
        <AttractScreen
          onStart={() => setScreen('menu')}
          onAbout={() => setScreen('about')}
          onFace={() => {
            setFaceMode({ mode: 'identify' });
            // The notice comes before the camera opens (docs/face.md, The notice).
            setScreen('face-notice');
          }}
        />
      )}
      {screen === 'face-notice' && (
        <FaceNoticeScreen
          client={client}
          language={language}
          onContinue={(notice) => {
            setFaceMode({ mode: 'identify', notice });
            setScreen('face-capture');
          }}
          onUseCard={() => setScreen('attract')}
        />
      )}
      {screen === 'menu' && (
        <IdentityBanner
          client={client}
          identity={identity}
          onBindFace={(sharing) => {
            setSharingOffered(sharing);
            setScreen('face-consent');
          }}
        />
      )}
      {screen === 'face-consent' && (
        <FaceConsentScreen
          client={client}
          language={language}
          sharingOffered={sharingOffered}
          onDecline={() => setScreen('menu')}
          onAgree={(consents) => {
            setFaceMode({ mode: 'bind', ...consents });
            setScreen('face-capture');
          }}
        />
      )}
      {screen === 'face-capture' && (
        <FaceCaptureScreen
          client={client}
          language={language}
          mode={faceMode}
          onDone={() => setScreen('menu')}
          onIdCard={() => setScreen(faceMode.mode === 'bind' ? 'menu' : 'attract')}
          // The notice changed meanwhile (settings, the hall key): it is shown, and agreed to, again.
          onNoticeChanged={() => setScreen(faceMode.mode === 'bind' ? 'face-consent' : 'face-notice')}
        />
      )}
      {screen === 'staff-entry' && (
        <StaffEntryScreen
          client={client}
          onCancel={() => setScreen('attract')}
          onEnter={(token) => {
            setStaffToken(token);
            setScreen('settings');
          }}
        />
      )}
      {screen === 'settings' && staffToken && (
        <SettingsScreen client={client} token={staffToken} language={language} onExit={leaveStaff} onTechnician={() => setScreen('technician')} />
      )}
      {screen === 'technician' && staffToken && <TechnicianScreen client={client} token={staffToken} onBack={() => setScreen('settings')} />}
      {screen === 'menu' && (
        <ServiceMenuScreen
          client={client}
          language={language}
          onHome={() => backToStart('citizen')}
          onAppointment={() => {
            setAppointment((a) => ({ code: null, nonce: (a?.nonce ?? 0) + 1, serviceCode: null }));
            setScreen('appointment');
          }}
          onService={(s) => {
            setAppointment(null);
            setService(s);
            setScreen(s.kind === 'ticket' ? 'ticket' : s.kind === 'form' ? 'form' : 'results');
          }}
        />
      )}
      {screen === 'ticket' && service && <TicketScreen client={client} language={language} service={service} onDone={() => setScreen('rating')} />}
      {screen === 'form' && service && <FormScreen client={client} language={language} service={service} onDone={() => setScreen('rating')} onBack={() => setScreen('menu')} />}
      {screen === 'results' && <ResultsScreen client={client} language={language} onDone={() => setScreen('rating')} />}
      {screen === 'appointment' && appointment && (
        <AppointmentScreen
          key={appointment.nonce}
          client={client}
          language={language}
          code={appointment.code}
          onBusy={setAppointmentBusy}
          onBack={() => (identity ? setScreen('menu') : backToStart('citizen'))}
          onDone={(serviceCode) => {
            setAppointment({ ...appointment, serviceCode });
            setScreen('rating');
          }}
        />
      )}
      {screen === 'rating' && <RatingScreen client={client} serviceCode={appointment?.serviceCode ?? service?.code ?? null} onDone={() => backToStart('done')} />}
      {screen === 'about' && <AboutScreen client={client} onBack={() => setScreen('attract')} />}
      {idle.state.phase === 'countdown' && <IdleCountdown secondsLeft={idle.state.secondsLeft} onContinue={idle.keepAlive} />}
      {!STAFF_SCREENS.includes(screen) && <CardUnreadableNotice client={client} />}
      {settings.demo && !STAFF_SCREENS.includes(screen) && <DemoPanel client={client} />}
    </div>
    </VoiceProvider>
  );
}
