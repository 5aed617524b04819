import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SIGNATURE_LIMITS, type SignatureInput } from '../../../../../common/rpc/contract';
import { ActionBar } from '../../../components/ActionBar';
import { ActionButton } from '../../../components/ActionButton';
import { Notice } from '../../../components/Notice';
import { useSay } from '../../../voice/spoken-prompts';
import { PAD } from './form-model';

type Point = [number, number];
/** Points closer than this (pad units) to the last one are not kept: fewer points, same line. */
const MIN_STEP = 2;

/** Draws a signature with a finger (or the mouse): strokes of points in the pad's units. */
export function SignaturePad({ label, onDone, onCancel }: { label: string; onDone: (signature: SignatureInput) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const strokes = useRef<Point[][]>([]);
  const drawing = useRef(false);
  const [strokeCount, setStrokeCount] = useState(0);
  // The pad holds what the core takes (SIGNATURE_LIMITS): at the limit it stops and says so.
  const [full, setFull] = useState(false);
  const saidFull = useRef(false);
  const say = useSay();
  const fill = () => {
    drawing.current = false;
    setFull(true);
    if (saidFull.current) return;
    saidFull.current = true;
    say(t('form.signatureFull'));
  };

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.lineWidth = 4;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#1a1a1a';
    ctx.fillStyle = '#1a1a1a';
  }, []);

  const pointOf = (e: PointerEvent<HTMLCanvasElement>): Point => {
    const rect = e.currentTarget.getBoundingClientRect();
    const clamp = (v: number, max: number) => Math.round(Math.min(max, Math.max(0, v)) * 10) / 10;
    return [clamp(((e.clientX - rect.left) * PAD.width) / rect.width, PAD.width), clamp(((e.clientY - rect.top) * PAD.height) / rect.height, PAD.height)];
  };
  const totalPoints = () => strokes.current.reduce((n, s) => n + s.length, 0);

  const down = (e: PointerEvent<HTMLCanvasElement>) => {
    if (strokes.current.length >= SIGNATURE_LIMITS.maxStrokes || totalPoints() >= SIGNATURE_LIMITS.maxPoints) return fill();
    e.currentTarget.setPointerCapture?.(e.pointerId);
    drawing.current = true;
    const p = pointOf(e);
    strokes.current.push([p]);
    const ctx = e.currentTarget.getContext('2d');
    if (ctx) {
      // A tap is a stroke too (a dot in a character): show it as the preview will.
      ctx.beginPath();
      ctx.arc(p[0], p[1], ctx.lineWidth / 2, 0, 2 * Math.PI);
      ctx.fill();
      ctx.beginPath();
      ctx.moveTo(p[0], p[1]);
    }
    setStrokeCount(strokes.current.length);
  };
  const move = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    if (totalPoints() >= SIGNATURE_LIMITS.maxPoints) return fill();
    const stroke = strokes.current[strokes.current.length - 1]!;
    const last = stroke[stroke.length - 1]!;
    const p = pointOf(e);
    if (Math.hypot(p[0] - last[0], p[1] - last[1]) < MIN_STEP) return;
    stroke.push(p);
    const ctx = e.currentTarget.getContext('2d');
    ctx?.lineTo(p[0], p[1]);
    ctx?.stroke();
  };
  const up = () => {
    drawing.current = false;
  };
  const clear = () => {
    strokes.current = [];
    setStrokeCount(0);
    setFull(false);
    saidFull.current = false;
    const c = canvas.current;
    c?.getContext('2d')?.clearRect(0, 0, c.width, c.height);
  };

  return (
    <div className="overlay" role="dialog" aria-label={label} data-testid="signature-pad">
      <div className="dialog signature-dialog">
        <h2>{t('form.signTitle')}</h2>
        <p className="form-hint">{t('form.signPrompt')}</p>
        <canvas
          ref={canvas}
          className="signature-canvas"
          data-testid="signature-canvas"
          data-strokes={strokeCount}
          width={PAD.width}
          height={PAD.height}
          onPointerDown={down}
          onPointerMove={move}
          onPointerUp={up}
          onPointerCancel={up}
          onPointerLeave={up}
        />
        {full && (
          <Notice role="alert" testId="signature-full">
            {t('form.signatureFull')}
          </Notice>
        )}
        <ActionBar spread>
          <ActionButton kind="secondary" testId="signature-cancel" onClick={onCancel}>
            {t('form.cancel')}
          </ActionButton>
          <ActionButton kind="secondary" testId="signature-clear" disabled={strokeCount === 0} onClick={clear}>
            {t('form.clear')}
          </ActionButton>
          <ActionButton
            kind="primary"
            testId="signature-done"
            disabled={strokeCount === 0}
            onClick={() => onDone({ width: PAD.width, height: PAD.height, strokes: strokes.current.map((s) => s.map(([x, y]) => [x, y] as Point)) })}
          >
            {t('form.signDone')}
          </ActionButton>
        </ActionBar>
      </div>
    </div>
  );
}
