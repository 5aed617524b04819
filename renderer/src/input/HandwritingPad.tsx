import { useEffect, useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Stroke } from '../../../common/chinese-input/handwriting-matcher';
import type { Language } from '../../../common/i18n/languages';
import { CandidateBar } from './CandidateBar';
import { useChineseInput } from './chinese-input-context';
import { inScript, useScript } from './use-script';

/** The pad's own units, whatever size it shows at. */
export const HANDWRITING_PAD_SIZE = 320;
const CANDIDATES = 16;

/**
 * A writing pad: one character at a time, written with a finger. After each stroke the matcher
 * (in a worker) names the likeliest characters, in the language's script; picking one enters it
 * and clears the pad. Undo takes back the last stroke.
 */
export function HandwritingPad(props: { language: Language; onPick: (char: string) => void }) {
  const { t } = useTranslation();
  const { handwriting } = useChineseInput();
  const convert = useScript(props.language);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<[number, number][] | null>(null);
  const request = useRef(0);
  const [strokes, setStrokes] = useState<Stroke[]>([]);
  const [found, setFound] = useState<{ strokes: number; candidates: string[] }>({ strokes: 0, candidates: [] });

  useEffect(() => {
    const id = ++request.current;
    if (strokes.length === 0 || !convert) return;
    void handwriting(strokes, CANDIDATES).then((candidates) => {
      // Only the answer for the strokes on the pad now: a slower earlier one is dropped.
      if (id === request.current) setFound({ strokes: strokes.length, candidates: inScript(candidates, convert) });
    });
  }, [strokes, handwriting, convert]);

  useEffect(() => redraw(canvas.current, strokes, null), [strokes]);

  const at = (e: PointerEvent<HTMLCanvasElement>): [number, number] => {
    const box = e.currentTarget.getBoundingClientRect();
    const scale = HANDWRITING_PAD_SIZE / (box.width || HANDWRITING_PAD_SIZE);
    return [Math.round((e.clientX - box.left) * scale), Math.round((e.clientY - box.top) * (HANDWRITING_PAD_SIZE / (box.height || HANDWRITING_PAD_SIZE)))];
  };
  const down = (e: PointerEvent<HTMLCanvasElement>) => {
    e.currentTarget.setPointerCapture?.(e.pointerId);
    drawing.current = [at(e)];
  };
  const move = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    drawing.current.push(at(e));
    redraw(canvas.current, strokes, drawing.current);
  };
  const up = () => {
    const stroke = drawing.current;
    drawing.current = null;
    if (stroke) setStrokes([...strokes, stroke]);
  };
  const clear = () => {
    setStrokes([]);
    setFound({ strokes: 0, candidates: [] });
  };
  const shown = strokes.length === 0 ? [] : found.candidates;

  return (
    <div className="handwriting">
      <CandidateBar
        candidates={shown}
        onPick={(i) => {
          props.onPick(shown[i]!);
          clear();
        }}
      />
      <div className="handwriting-row">
        <canvas
          ref={canvas}
          className="handwriting-pad"
          data-testid="handwriting-pad"
          data-strokes={strokes.length}
          data-recognised={strokes.length === 0 ? 0 : found.strokes}
          width={HANDWRITING_PAD_SIZE}
          height={HANDWRITING_PAD_SIZE}
          aria-label={t('keyboard.handwritingPad')}
          onPointerDown={down}
          onPointerMove={move}
          onPointerUp={up}
          onPointerCancel={up}
        />
        <div className="handwriting-actions">
          <button
            type="button"
            className="key wide"
            data-testid="handwriting-undo"
            disabled={strokes.length === 0}
            onClick={() => setStrokes(strokes.slice(0, -1))}
          >
            {t('keyboard.undoStroke')}
          </button>
          <button type="button" className="key wide" data-testid="handwriting-clear" disabled={strokes.length === 0} onClick={clear}>
            {t('keyboard.clearPad')}
          </button>
        </div>
      </div>
    </div>
  );
}

function redraw(canvas: HTMLCanvasElement | null, strokes: readonly Stroke[], current: Stroke | null) {
  const g = canvas?.getContext('2d');
  if (!g) return; // jsdom has no 2D canvas
  g.clearRect(0, 0, HANDWRITING_PAD_SIZE, HANDWRITING_PAD_SIZE);
  g.lineWidth = 8;
  g.lineCap = 'round';
  g.lineJoin = 'round';
  g.strokeStyle = '#1a1a1a';
  for (const stroke of current ? [...strokes, current] : strokes) {
    g.beginPath();
    stroke.forEach(([x, y], i) => (i === 0 ? g.moveTo(x, y) : g.lineTo(x, y)));
    if (stroke.length === 1) g.lineTo(stroke[0]![0] + 0.1, stroke[0]![1]);
    g.stroke();
  }
}
