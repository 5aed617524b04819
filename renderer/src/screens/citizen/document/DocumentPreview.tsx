import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionButton } from '../../../components/ActionButton';
import { Notice } from '../../../components/Notice';
import { useKiosk } from '../../../kiosk/kiosk-context';
import { bytesOfBase64, type PdfOpener, type PdfPages } from './pdf-pages';

/** 长辈版's zoom steps over the width that fits the screen. */
const ELDER_ZOOM = [1, 1.5, 2, 2.5] as const;
/** The page's width when the preview's own cannot be measured (A4 at 96 dpi). */
const FALLBACK_WIDTH_PX = 794;
/** The preview's padding and scroll bar beside the page (styles.css, .document-pages). */
const GUTTER_PX = 48;

/** Every page drawn the same way: the canvas loses its drawing and its memory. */
function wipe(canvas: HTMLCanvasElement): void {
  canvas.width = 0;
  canvas.height = 0;
  canvas.style.width = '';
  canvas.style.height = '';
}

/**
 * Every page of the document drawn into its canvas, from the bytes in memory (no URL, no frame),
 * page n of N with previous and next; in 长辈版 a zoom. Nothing of the document stays when it
 * goes: pdf.js's document and worker are destroyed, the canvases emptied and shrunk, the bytes
 * zeroed if pdf.js did not take them.
 */
export function DocumentPreview({ pdfBase64, openPdf, onFailed }: { pdfBase64: string; openPdf: PdfOpener; onFailed: () => void }) {
  const { t } = useTranslation();
  const { elderMode } = useKiosk();
  const [pdf, setPdf] = useState<PdfPages | null>(null);
  const [page, setPage] = useState(1);
  const [zoomStep, setZoomStep] = useState(0);
  const zoom = elderMode ? ELDER_ZOOM[zoomStep]! : 1;
  const scroller = useRef<HTMLDivElement>(null);
  const canvases = useRef<HTMLCanvasElement[]>([]);
  const drawing = useRef<Promise<void>>(Promise.resolve());
  const failed = useEffectEvent(() => onFailed());

  useEffect(() => {
    const bytes = bytesOfBase64(pdfBase64);
    const opened = openPdf(bytes);
    let live = true;
    opened.ready.then(
      (p) => live && setPdf(p),
      () => live && failed(),
    );
    const drawn = canvases.current;
    return () => {
      live = false;
      setPdf(null);
      void opened.destroy().catch(() => undefined);
      for (const canvas of drawn) wipe(canvas);
      drawn.length = 0;
      // pdf.js transfers the bytes to its worker; if it never got them, they are zeroed here.
      if (bytes.byteLength > 0) bytes.fill(0);
    };
  }, [pdfBase64, openPdf]);

  // Each drawing waits for the last (a canvas takes one drawing at a time); a newer zoom stops an older drawing.
  useEffect(() => {
    if (!pdf) return;
    let current = true;
    const fit = (scroller.current?.clientWidth ?? 0) - GUTTER_PX;
    const width = Math.round((fit > 0 ? fit : FALLBACK_WIDTH_PX) * zoom);
    const previous = drawing.current;
    drawing.current = (async () => {
      await previous.catch(() => undefined);
      for (let n = 1; n <= pdf.count && current; n++) {
        const canvas = canvases.current[n - 1];
        if (canvas) await pdf.render(n, canvas, width);
      }
    })();
    drawing.current.catch(() => current && failed());
    return () => {
      current = false;
    };
  }, [pdf, zoom]);

  const show = (n: number) => {
    if (!pdf) return;
    const target = Math.min(pdf.count, Math.max(1, n));
    setPage(target);
    canvases.current[target - 1]?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
  };
  const followScroll = () => {
    const box = scroller.current;
    if (!box || !pdf) return;
    const middle = box.scrollTop + box.clientHeight / 2;
    const seen = canvases.current.findLastIndex((c) => c.offsetTop <= middle);
    setPage(Math.max(1, seen + 1));
  };

  if (!pdf) {
    return (
      <Notice role="status" testId="document-opening">
        {t('documents.opening')}
      </Notice>
    );
  }
  return (
    <section className="document-preview" data-testid="document-preview" data-pages={pdf.count} data-zoom={zoom}>
      <div className="document-pages" ref={scroller} onScroll={followScroll}>
        {Array.from({ length: pdf.count }, (_, i) => (
          <canvas
            key={i}
            className="document-page"
            data-testid="document-page"
            data-page={i + 1}
            aria-label={t('documents.pageOf', { page: i + 1, count: pdf.count })}
            ref={(el) => {
              if (el) canvases.current[i] = el;
            }}
          />
        ))}
      </div>
      <div className="document-pager">
        <ActionButton kind="secondary" testId="document-page-previous" disabled={page <= 1} onClick={() => show(page - 1)}>
          {t('documents.previousPage')}
        </ActionButton>
        <span className="document-page-of" data-testid="document-page-indicator">
          {t('documents.pageOf', { page, count: pdf.count })}
        </span>
        <ActionButton kind="secondary" testId="document-page-next" disabled={page >= pdf.count} onClick={() => show(page + 1)}>
          {t('documents.nextPage')}
        </ActionButton>
        {elderMode && (
          <>
            <ActionButton kind="secondary" testId="document-zoom-out" disabled={zoomStep === 0} onClick={() => setZoomStep(zoomStep - 1)}>
              {t('documents.zoomOut')}
            </ActionButton>
            <ActionButton kind="secondary" testId="document-zoom-in" disabled={zoomStep === ELDER_ZOOM.length - 1} onClick={() => setZoomStep(zoomStep + 1)}>
              {t('documents.zoomIn')}
            </ActionButton>
          </>
        )}
      </div>
    </section>
  );
}
