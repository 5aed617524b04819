import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RpcOutput } from '../../../../common/rpc/contract';
import { useClient } from '../../kiosk/kiosk-context';
import { captureJpegBase64, closeCamera, openCamera } from '../../face/camera';
import { ActionButton } from '../../components/ActionButton';
import { Notice } from '../../components/Notice';

type Analysis = RpcOutput<'tech.camera.analyze'>;

/** Camera preview for technicians: detection boxes, the face backend and the time per frame. */
export function CameraPanel({ token }: { token: string }) {
  const { t } = useTranslation();
  const client = useClient();
  const [on, setOn] = useState(false);
  const [analysis, setAnalysis] = useState<Analysis | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    if (!on) return;
    let live = true;
    let stream: MediaStream | null = null;
    const run = async () => {
      stream = await openCamera(video.current!);
      while (live) {
        const frame = captureJpegBase64(video.current!, canvas.current!);
        if (frame) setAnalysis(await client.call('tech.camera.analyze', { token, jpegBase64: frame }));
        else await new Promise((r) => setTimeout(r, 100));
      }
    };
    run().catch((err: Error) => live && setProblem(err.message));
    return () => {
      live = false;
      closeCamera(stream);
    };
  }, [on, client, token]);

  return (
    <section className="camera-panel" data-testid="camera-panel">
      <h3>{t('tech.camera.title')}</h3>
      {!on && (
        <ActionButton kind="secondary" testId="camera-start" onClick={() => setOn(true)}>
          {t('tech.camera.start')}
        </ActionButton>
      )}
      {on && (
        <div className="camera small">
          <video ref={video} className="camera-video" muted playsInline />
          {analysis?.faces.map((f, i) => (
            <div
              key={i}
              className="face-box"
              data-testid="detection-box"
              style={{
                left: `${(1 - f.box.x - f.box.width) * 100}%`,
                top: `${f.box.y * 100}%`,
                width: `${f.box.width * 100}%`,
                height: `${f.box.height * 100}%`,
              }}
            />
          ))}
          <canvas ref={canvas} hidden />
        </div>
      )}
      {analysis && <p data-testid="camera-stats">{t('tech.camera.stats', { backend: analysis.backend, ms: analysis.ms, faces: analysis.faces.length })}</p>}
      {problem && <Notice>{problem}</Notice>}
    </section>
  );
}
