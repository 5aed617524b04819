// Checking an official document before preview (checkDocumentPdf): a 2-page, 200 KB PDF with its
// objects in compressed object streams. Target: p95 well under 100 ms.
import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { seededRandom } from '../base/prng';
import { checkDocumentPdf } from '../main/core/documents/pdf-checks';
import { percentile } from './latency-figures';

/** Two pages of text, each with a ~95 KB image of incompressible (seeded) bytes, as a scanned seal would be. */
async function twoPageDocument(): Promise<Buffer> {
  const random = seededRandom(16);
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let p = 1; p <= 2; p++) {
    const page = doc.addPage([595, 842]);
    for (let line = 0; line < 60; line++)
      page.drawText(`Certificate page ${p}, line ${line}: the holder is registered here.`, { x: 40, y: 800 - line * 12, size: 9, font });
    const bytes = Uint8Array.from({ length: 95_000 }, () => Math.floor(random() * 256));
    const image = doc.context.register(
      doc.context.stream(bytes, { Type: 'XObject', Subtype: 'Image', Width: 200, Height: 158, ColorSpace: 'DeviceRGB', BitsPerComponent: 8 }),
    );
    page.node.setXObject(PDFName.of('Seal'), image);
  }
  return Buffer.from(await doc.save());
}

const pdf = await twoPageDocument();
for (let i = 0; i < 20; i++) await checkDocumentPdf(pdf); // warm-up
const samples: number[] = [];
for (let i = 0; i < 200; i++) {
  const t0 = process.hrtime.bigint();
  const check = await checkDocumentPdf(pdf);
  samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  if (!check.ok || check.pages !== 2) throw new Error(`the clean bench document was refused: ${JSON.stringify(check)}`);
}
samples.sort((a, b) => a - b);
const p95 = percentile(samples, 95);
const ok = p95 < 100;
console.log(
  `document check ${(pdf.length / 1024).toFixed(0)} KB, 2 pages: median ${percentile(samples, 50).toFixed(2)} ms, p95 ${p95.toFixed(2)} ms (target ≪ 100 ms: ${ok ? 'ok' : 'MISSED'})`,
);
if (!ok) process.exitCode = 1;
