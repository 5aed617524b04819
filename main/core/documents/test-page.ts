import { grayscale, PDFDocument, PDFFont, PDFPage, StandardFonts } from 'pdf-lib';

export interface TestPageFacts {
  terminalId: string;
  /** The printer's target as DocumentPrinter reports it (an IPP URI or a spooler printer name). */
  target: string;
  at: Date;
}

const MM = 72 / 25.4;
const A4: [number, number] = [210 * MM, 297 * MM];
/** The frame sits 10 mm inside the sheet's edge: a printer that crops more than that loses part of it. */
const FRAME_INSET = 10 * MM;
const GREYS = [0.1, 0.25, 0.5, 0.75, 1];

/**
 * The technician's one-page A4 test page: who printed it where and when, a frame 10 mm inside the edge
 * with millimetre rulers (to check scaling and cropping), and grey boxes from 10 % to 100 % (to check
 * toner). It says that it is no official document, and what it tests.
 */
export async function renderTestPagePdf(facts: TestPageFacts): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.setTitle('Hall Kiosk A4 printer test page');
  doc.setProducer('Hall Kiosk');
  doc.setCreationDate(facts.at);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const page = doc.addPage(A4);

  drawFrameAndRulers(page, font);
  const left = FRAME_INSET + 15 * MM;
  let y = A4[1] - FRAME_INSET - 25 * MM;
  page.drawText('Hall Kiosk \u2014 A4 printer test page', { x: left, y, size: 20, font: bold });
  y -= 12 * MM;
  const lines: [label: string, value: string][] = [
    ['Terminal', facts.terminalId],
    ['Printer', facts.target],
    ['Printed at', facts.at.toISOString()],
  ];
  for (const [label, value] of lines) {
    page.drawText(`${label}:`, { x: left, y, size: 12, font: bold });
    page.drawText(printable(value), { x: left + 30 * MM, y, size: 12, font });
    y -= 8 * MM;
  }
  y -= 4 * MM;
  page.drawText('This page is not an official document; it tests the printer.', { x: left, y, size: 12, font });

  y -= 40 * MM;
  GREYS.forEach((grey, i) => {
    const x = left + i * 32 * MM;
    page.drawRectangle({ x, y, width: 28 * MM, height: 28 * MM, color: grayscale(1 - grey) });
    page.drawText(`${Math.round(grey * 100)} %`, { x, y: y - 6 * MM, size: 10, font });
  });
  return Buffer.from(await doc.save());
}

/** The frame, and along its top and left edges a tick every millimetre, longer every 5 mm, numbered every 10 mm. */
function drawFrameAndRulers(page: PDFPage, font: PDFFont): void {
  const [width, height] = A4;
  const black = grayscale(0);
  page.drawRectangle({
    x: FRAME_INSET,
    y: FRAME_INSET,
    width: width - 2 * FRAME_INSET,
    height: height - 2 * FRAME_INSET,
    borderColor: black,
    borderWidth: 0.5,
  });
  const top = height - FRAME_INSET;
  for (let mm = 0; mm * MM <= width - 2 * FRAME_INSET; mm++) {
    const x = FRAME_INSET + mm * MM;
    const length = tickLength(mm);
    page.drawLine({ start: { x, y: top }, end: { x, y: top - length }, thickness: 0.3, color: black });
    if (mm % 10 === 0 && mm > 0) page.drawText(String(mm / 10), { x: x - 2, y: top - length - 8, size: 7, font });
  }
  for (let mm = 0; mm * MM <= height - 2 * FRAME_INSET; mm++) {
    const y = top - mm * MM;
    const length = tickLength(mm);
    page.drawLine({ start: { x: FRAME_INSET, y }, end: { x: FRAME_INSET + length, y }, thickness: 0.3, color: black });
    if (mm % 10 === 0 && mm > 0) page.drawText(String(mm / 10), { x: FRAME_INSET + length + 2, y: y - 2.5, size: 7, font });
  }
}

function tickLength(mm: number): number {
  return (mm % 10 === 0 ? 5 : mm % 5 === 0 ? 3.5 : 2) * MM;
}

/** The standard font writes WinAnsi only: anything else (a non-Latin printer name) is shown as `?`. */
function printable(text: string): string {
  return text.replace(/[^\x20-\x7e\u00a0-\u00ff]/g, '?');
}
