import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../../../common/i18n/languages';
import type { CoreVoiceStatus } from '../../../../common/rpc/contract';
import { useHallTimeZone, useKiosk } from '../../kiosk/kiosk-context';
import { hallTimestamp } from '../../../../common/time/hall-clock';
import { webVoices } from '../../voice/web-voice-choice';
import { whoSpeaks, type Speaker } from '../../voice/who-speaks';

/** The browser's voices, again when it announces more (they may arrive after the page loads). */
function useWebVoices(): SpeechSynthesisVoice[] {
  const [voices, setVoices] = useState(webVoices);
  useEffect(() => {
    const synth = typeof window.speechSynthesis === 'undefined' ? null : window.speechSynthesis;
    if (!synth || typeof synth.addEventListener !== 'function') return;
    const update = () => setVoices(webVoices());
    synth.addEventListener('voiceschanged', update);
    return () => synth.removeEventListener('voiceschanged', update);
  }, []);
  return voices;
}

/** Which voice says each language's prompts on this terminal (the browser's or the core's espeak-ng), or that none does. */
export function VoicePanel() {
  const { t } = useTranslation();
  const timeZone = useHallTimeZone();
  const { client, voice: voiceOn } = useKiosk();
  const [core, setCore] = useState<CoreVoiceStatus | null>(null);
  const web = useWebVoices();
  useEffect(() => {
    const refresh = () => void client.call('voice.status', {}).then(setCore, () => undefined);
    refresh();
    return client.on('voice.said', (said) => said.outcome === 'failed' && refresh());
  }, [client]);

  const speakerText = (speaker: Speaker) =>
    speaker.kind === 'web'
      ? t('techReport.voice.web', { name: speaker.name })
      : speaker.kind === 'core'
        ? t('techReport.voice.core', { voice: speaker.voice, name: speaker.name })
        : t('techReport.voice.none');

  return (
    <section className="voice-panel" data-testid="tech-voice">
      <h3>{t('techReport.voice.title')}</h3>
      {!voiceOn && <p data-testid="tech-voice-off">{t('techReport.voice.off')}</p>}
      <table className="device-table">
        <thead>
          <tr>
            <th>{t('techReport.voice.language')}</th>
            <th>{t('techReport.voice.speaker')}</th>
          </tr>
        </thead>
        <tbody>
          {LANGUAGES.map((language) => {
            const speaker = whoSpeaks(language, web, core);
            return (
              <tr
                key={language}
                data-testid={`tech-voice-${language}`}
                data-speaker={speaker.kind}
                className={speaker.kind === 'none' ? 'state-fault' : 'state-ok'}
              >
                <td>{t(`techReport.voice.languages.${language}`)}</td>
                <td>{speakerText(speaker)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {core?.problem && <p className="attention">{t('techReport.voice.coreProblem', { problem: core.problem })}</p>}
      {core?.lastFailure && (
        <p className="attention" data-testid="tech-voice-last-failure">
          {t('techReport.voice.lastFailure', { at: hallTimestamp(Date.parse(core.lastFailure.at), timeZone), message: core.lastFailure.message })}
        </p>
      )}
    </section>
  );
}
