import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../../../../common/i18n/languages';
import { NOTICE_CHANGED_PATH, type FaceView } from '../../../../common/rpc/contract';
import { RpcCallError } from '../../bridge/kiosk-client';
import { ActionButton } from '../../components/ActionButton';
import { Screen } from '../../components/Screen';
import { captureJpegBase64, closeCamera, openCamera } from '../../face/camera';
import { useLatest } from '../../hooks/use-latest';
import { useKiosk } from '../../kiosk/kiosk-context';
import type { FaceMode } from '../../navigation/journey';
import { useSpokenPrompt } from '../../voice/spoken-prompts';

export type { FaceMode };

/** The screen-light check's colours, full strength: the more light, the more the face takes. */
const SCREEN_LIGHT: Record<NonNullable<FaceView['light']>['colour'], string> = {
  red: '#ff0000',
  green: '#00ff00',
  blue: '#0000ff',
  yellow: '#ffff00',
  cyan: '#00ffff',
  magenta: '#ff00ff',
};
export type FaceOutcome = 'identified' | 'bound' | 'failed';

/**
 * The camera view: a face guide, live quality hints, liveness prompts in text and voice, and the
 * result. Frames go to the core one at a time and are dropped there after analysis. When the core
 * says the notice read is no longer the one in force, `onNoticeChanged` (the notice is shown again).
 */
export function FaceCaptureScreen(props: { mode: FaceMode; onDone: (outcome: FaceOutcome) => void; onIdCard: () => void; onNoticeChanged: () => void }) {
  const { mode, onDone } = props;
  const { client, language } = useKiosk();
  const noticeChanged = useLatest(props.onNoticeChanged);
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [view, setView] = useState<FaceView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  /** The core's sentence when it refuses to start (face use over for this session after failed checks). */
  const [refusal, setRefusal] = useState<LocalizedText | null>(null);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let sessionId: string | null = null;
    let live = true;
    const run = async () => {
      // The core may refuse before any camera opens.
      try {
        ({ sessionId } = await client.call('face.start', mode));
      } catch (err) {
        if (live && err instanceof RpcCallError && err.error.code === 'conflict' && err.error.issues?.some((i) => i.path === NOTICE_CHANGED_PATH))
          noticeChanged.current();
        else if (live && err instanceof RpcCallError && err.error.citizenMessage) setRefusal(err.error.citizenMessage);
        else if (live) setProblem(t('face.unavailable'));
        return;
      }
      if (!live) {
        void client.call('face.cancel', { sessionId }).catch(() => undefined);
        return;
      }
      try {
        stream = await openCamera(video.current!);
      } catch {
        setProblem(t('face.noCamera'));
        return;
      }
      if (!live) closeCamera(stream);
      while (live) {
        const frame = captureJpegBase64(video.current!, canvas.current!);
        if (!frame) {
          await new Promise((r) => setTimeout(r, 100));
          continue;
        }
        const next = await client.call('face.frame', { sessionId, jpegBase64: frame });
        if (!live) break;
        setView(next);
        if (next.result) {
          if (next.result.kind === 'identified' || next.result.kind === 'bound') {
            window.setTimeout(() => onDone(next.result!.kind as FaceOutcome), 1200);
          }
          break;
        }
      }
    };
    run().catch(() => live && setProblem(t('face.unavailable')));
    return () => {
      live = false;
      closeCamera(stream);
      if (sessionId) void client.call('face.cancel', { sessionId }).catch(() => undefined);
    };
  }, [client, mode, noticeChanged, onDone, t]);

  const prompt = view?.result
    ? view.result.kind === 'failed'
      ? view.result.text[language]
      : t(`face.result.${view.result.kind}`)
    : view?.step === 'liveness' && view.liveness
      ? view.liveness.prompt[language]
      : view?.step === 'capture'
        ? mode.mode === 'bind' && view.captured && view.captured.count >= view.captured.needed
          ? t('face.verifying')
          : t('face.holdStill')
        : (view?.hint?.text[language] ?? t('face.lookAtCamera'));

  const blocked = problem ?? (refusal ? refusal[language] : null);
  // Said in the session's language when it changes; staff's voice switch applies (ui.voice).
  useSpokenPrompt(blocked ?? prompt);

  const box = view?.faceBox;
  const light = !view?.result && view?.light ? view.light.colour : null;
  const failed = view?.result && (view.result.kind === 'failed' || view.result.kind === 'not-identified');
  return (
    <Screen
      className={light ? 'face lit' : 'face'}
      testId="face-screen"
      data-step={view?.step ?? 'starting'}
      data-challenge={view?.liveness?.challenge ?? ''}
      data-light={light ?? ''}
      data-result={view?.result?.kind === 'failed' ? view.result.reason : (view?.result?.kind ?? '')}
      title={mode.mode === 'bind' ? t('face.bindTitle') : t('face.identifyTitle')}
    >
      {/* The screen-light check: the whole screen lights the face with the colour the core drew. */}
      {light && <div className="screen-light" data-testid="screen-light" aria-hidden="true" style={{ background: SCREEN_LIGHT[light] }} />}
      <div className="camera">
        <video ref={video} className="camera-video" muted playsInline data-testid="camera-video" />
        <div className="face-guide" data-testid="face-guide" aria-hidden="true" />
        {box && (
          <div
            className="face-box"
            data-testid="face-box"
            style={{ left: `${(1 - box.x - box.width) * 100}%`, top: `${box.y * 100}%`, width: `${box.width * 100}%`, height: `${box.height * 100}%` }}
          />
        )}
        <canvas ref={canvas} hidden />
      </div>
      <p className={failed || blocked ? 'notice face-prompt' : 'face-prompt'} role="status" aria-live="polite" data-testid="face-prompt">
        {blocked ?? prompt}
      </p>
      {view?.liveness?.check === 'movements' && !view.result && (
        <p className="face-progress" data-testid="face-liveness">
          {t('face.challenges', { done: view.liveness.completed, total: view.liveness.total })}
        </p>
      )}
      {view?.captured && !view.result && (
        <p className="face-progress" data-testid="face-captured">
          {t('face.captured', { count: view.captured.count, needed: view.captured.needed })}
        </p>
      )}
      {(failed || blocked) && (
        <ActionButton kind="primary" testId="face-use-card" onClick={props.onIdCard}>
          {t('face.useIdCard')}
        </ActionButton>
      )}
      {!failed && !blocked && (
        <ActionButton kind="secondary" testId="face-cancel" onClick={props.onIdCard}>
          {t('face.cancel')}
        </ActionButton>
      )}
    </Screen>
  );
}
