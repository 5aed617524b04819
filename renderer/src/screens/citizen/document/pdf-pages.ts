/**
 * The preview's one contact with pdf.js: a PDF held in memory, opened and drawn page by page into
 * canvases. The screen takes a `PdfOpener` so tests can replace only this drawing (jsdom has no
 * canvas); everything else of the screen stays real.
 */

/** An opened PDF whose pages can be drawn. */
export interface PdfPages {
  count: number;
  /** Draws page `page` (1-based) into `canvas`, `cssWidth` CSS pixels wide (sharp on high-density screens). */
  render(page: number, canvas: HTMLCanvasElement, cssWidth: number): Promise<void>;
}

/** A PDF being opened: `ready` once parsed; `destroy` ends any drawing and frees the document (and pdf.js's worker). */
export interface OpenedPdf {
  ready: Promise<PdfPages>;
  destroy(): Promise<void>;
}

/** Opens `bytes` (which it may take over: pdf.js transfers them to its worker). */
export type PdfOpener = (bytes: Uint8Array) => OpenedPdf;

/** pdf.js loads only when a document is previewed; its worker is a file of the build, so the CSP's script-src 'self' admits it. */
async function loadPdfJs() {
  const [pdfjs, worker] = await Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?url')]);
  pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
  return pdfjs;
}

export const openWithPdfJs: PdfOpener = (bytes) => {
  const loading = loadPdfJs().then((pdfjs) =>
    pdfjs.getDocument({
      data: bytes,
      // Nothing is compiled from the document, and nothing is fetched for it: the documents embed
      // their fonts (CJK included), so no cMaps; a standard font not embedded is drawn with a
      // system font; no wasm (the CSP has no 'wasm-unsafe-eval'), hence no JPX or JBIG2 images.
      isEvalSupported: false,
      useSystemFonts: true,
      useWasm: false,
      useWorkerFetch: false,
      enableXfa: false,
      disableAutoFetch: true,
      disableStream: true,
    }),
  );
  const drawing = new Set<{ cancel(): void }>();
  const ready = loading.then(async (task) => {
    const pdf = await task.promise;
    return {
      count: pdf.numPages,
      async render(pageNumber: number, canvas: HTMLCanvasElement, cssWidth: number) {
        const page = await pdf.getPage(pageNumber);
        const density = window.devicePixelRatio || 1;
        const scale = (cssWidth / page.getViewport({ scale: 1 }).width) * density;
        const viewport = page.getViewport({ scale });
        canvas.width = Math.floor(viewport.width);
        canvas.height = Math.floor(viewport.height);
        canvas.style.width = `${Math.floor(viewport.width / density)}px`;
        canvas.style.height = `${Math.floor(viewport.height / density)}px`;
        const task = page.render({ canvas, viewport });
        drawing.add(task);
        try {
          await task.promise;
        } finally {
          drawing.delete(task);
          page.cleanup();
        }
      },
    };
  });
  return {
    ready,
    async destroy() {
      for (const task of drawing) task.cancel();
      drawing.clear();
      await (await loading).destroy();
    },
  };
};

/** The PDF's bytes from the core's base64. */
export function bytesOfBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
