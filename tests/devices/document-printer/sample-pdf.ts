import { PDFDocument, StandardFonts } from 'pdf-lib';

/** An A4 PDF of `pages` pages, each saying `marker` and its page number (found again with pdftotext). */
export async function samplePdf(marker: string, pages = 2): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= pages; n++) {
    doc.addPage([595.28, 841.89]).drawText(`${marker} page ${n}`, { x: 60, y: 760, size: 18, font });
  }
  return Buffer.from(await doc.save());
}
