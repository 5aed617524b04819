import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, LocalizedText } from '../../../../common/i18n/languages';
import { NOTICE_CHANGED_PATH, type FaceView, type NoticeShown } from '../../../../common/rpc/contract';
import { RpcCallError, type KioskClient } from '../../bridge/kiosk-client';
import { captureJpegBase64, closeCamera, openCamera } from '../../face/camera';
import { useSpokenPrompt } from '../../voice/voice-context';
import { FACE_BINDING_STRINGS } from '../../i18n/strings/face-binding';

/** What the camera is opened for, with the notice the citizen read before it (`notice`: face.start's). */
export type FaceMode = { mode: 'identify'; notice?: NoticeShown } | { mode: 'bind'; storeConsent: { textVersion: string }; shareConsent: { textVersion: string } | null; notice: NoticeShown };
export type FaceOutcome = 'identified' | 'bound' | 'failed';

/**
 * The camera view: a face guide, live quality hints, liveness prompts in text and voice, and the
 * result. Frames go to the core one at a time and are dropped there after analysis. When the core
 * says the notice read is no longer the one in force, `onNoticeChanged` (the notice is shown again).
 */
export function FaceCaptureScreen(props: { client: KioskClient; language: Language; mode: FaceMode; onDone: (outcome: FaceOutcome) => void; onIdCard: () => void; onNoticeChanged: () => void }) {
  const { client, language, mode, onDone } = props;
  const noticeChanged = useRef(props.onNoticeChanged);
  noticeChanged.current = props.onNoticeChanged;
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
        if (live && err instanceof RpcCallError && err.error.code === 'conflict' && err.error.issues?.some((i) => i.path === NOTICE_CHANGED_PATH)) noticeChanged.current();
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
  }, [client, mode, onDone, t]);

  const prompt = view?.result
    ? view.result.kind === 'failed'
      ? view.result.text[language]
      : t(`face.result.${view.result.kind}`)
    : view?.step === 'liveness' && view.liveness
      ? view.liveness.prompt[language]
      : view?.step === 'capture'
        ? mode.mode === 'bind' && view.captured && view.captured.count >= view.captured.needed
          ? FACE_BINDING_STRINGS[language].verifying
          : t('face.holdStill')
        : (view?.hint?.text[language] ?? t('face.lookAtCamera'));

  const blocked = problem ?? (refusal ? refusal[language] : null);
  // Said in the session's language when it changes; staff's voice switch applies (VoiceProvider).
  useSpokenPrompt(blocked ?? prompt);

  const box = view?.faceBox;
  const failed = view?.result && (view.result.kind === 'failed' || view.result.kind === 'not-identified');
  return (
    <main className="face" data-testid="face-screen" data-step={view?.step ?? 'starting'} data-challenge={view?.liveness?.challenge ?? ''} data-result={view?.result?.kind === 'failed' ? view.result.reason : (view?.result?.kind ?? '')}>
      <h2 className="screen-title">{mode.mode === 'bind' ? t('face.bindTitle') : t('face.identifyTitle')}</h2>
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
      {view?.liveness && !view.result && (
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
        <button type="button" className="primary" data-testid="face-use-card" onClick={props.onIdCard}>
          {t('face.useIdCard')}
        </button>
      )}
      {!failed && !blocked && (
        <button type="button" className="secondary" data-testid="face-cancel" onClick={props.onIdCard}>
          {t('face.cancel')}
        </button>
      )}
    </main>
  );
}
