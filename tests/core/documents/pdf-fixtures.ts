import { execFileSync } from 'node:child_process';
import { PDFArray, PDFDict, PDFDocument as PdfLibDocument, PDFName, PDFRef, PDFString, StandardFonts } from 'pdf-lib';
import PDFKitDocument from 'pdfkit';

/** Real PDFs for the document checks: a clean official-looking one from pdfkit, hostile ones built with pdf-lib. */

const CJK_FONT_FILE = execFileSync('fc-match', ['-f', '%{file}', 'Noto Sans CJK SC'], { encoding: 'utf8' });

/** A 2-page document with Chinese text in the system's Noto Sans CJK SC, as a hub might send it. */
export function cleanChineseDocument(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFKitDocument({ size: 'A4', info: { Title: '户籍证明' } });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.font(CJK_FONT_FILE, 'NotoSansCJKsc-Regular');
    doc.fontSize(20).text('户籍证明', { align: 'center' });
    doc.fontSize(12).text('兹证明张三，身份证号码 110101199001011234，户籍登记于北京市东城区。此证明用于 JavaScript 课程报名。');
    doc.addPage();
    doc.fontSize(12).text('第二页：本证明自开具之日起三十日内有效。');
    doc.end();
  });
}

/** A pdf-lib document with `pages` pages of Latin text. */
export async function plainDocument(pages = 1): Promise<PdfLibDocument> {
  const doc = await PdfLibDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= pages; i++) doc.addPage([595, 842]).drawText(`Page ${i}`, { x: 50, y: 780, size: 12, font });
  return doc;
}

/** The script that hostile fixtures carry; a check's detail must never repeat it. */
export const HOSTILE_SCRIPT = "app.alert('kiosk-fixture-script')";

/** A catalog /OpenAction that runs JavaScript, as an indirect action object. */
export async function openActionJavaScript(options: { useObjectStreams: boolean }): Promise<Buffer> {
  const doc = await plainDocument();
  const action = doc.context.register(doc.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of(HOSTILE_SCRIPT) }));
  doc.catalog.set(PDFName.of('OpenAction'), action);
  return Buffer.from(await doc.save({ useObjectStreams: options.useObjectStreams }));
}

/** A page's additional action (/AA, on open) that launches a program. */
export async function pageLaunchAction(): Promise<Buffer> {
  const doc = await plainDocument();
  const open = doc.context.obj({ S: 'Launch', F: PDFString.of('C:\\Windows\\System32\\cmd.exe'), NewWindow: true });
  doc.getPage(0).node.set(PDFName.of('AA'), doc.context.obj({ O: open }));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** A page whose /OpenAction only goes to the first page: an ordinary action a clean document may have. */
export async function openActionGoTo(): Promise<Buffer> {
  const doc = await plainDocument();
  const destination = doc.context.obj([doc.getPage(0).ref, 'Fit']);
  doc.catalog.set(PDFName.of('OpenAction'), doc.context.obj({ S: 'GoTo', D: destination }));
  return Buffer.from(await doc.save());
}

/** A file attached through pdf-lib's own API: an /EmbeddedFiles name tree and a /Filespec with /EF. */
export async function attachedFile(): Promise<Buffer> {
  const doc = await plainDocument();
  await doc.attach(Buffer.from('MZ not really a program'), 'update.exe', { mimeType: 'application/octet-stream' });
  return Buffer.from(await doc.save());
}

/**
 * A file that declares itself encrypted. pdf-lib cannot encrypt, so the Standard security handler's
 * dictionary is registered through pdf-lib's context and named as the trailer's /Encrypt: the file is
 * shaped as an encrypted one (a viewer would try to decrypt its strings and streams with it), though
 * its contents were written in clear.
 */
export async function declaredEncrypted(options: { useObjectStreams: boolean }): Promise<Buffer> {
  const doc = await plainDocument();
  const owner = PDFString.of('o'.repeat(32));
  const user = PDFString.of('u'.repeat(32));
  doc.context.trailerInfo.Encrypt = doc.context.register(doc.context.obj({ Filter: 'Standard', V: 1, R: 2, O: owner, U: user, P: -44 }));
  doc.context.trailerInfo.ID = doc.context.obj([PDFString.of('0123456789abcdef'), PDFString.of('0123456789abcdef')]);
  return Buffer.from(await doc.save({ useObjectStreams: options.useObjectStreams }));
}

/** A 1×1 PNG, as a file a hub mislabelled or someone renamed to .pdf. */
export const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

/** A valid PDF padded past `bytes` with an uncompressed stream of spaces nobody refers to. */
export async function documentOfAtLeast(bytes: number): Promise<Buffer> {
  const doc = await plainDocument();
  doc.context.register(doc.context.stream(new Uint8Array(bytes).fill(0x20)));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** A page whose resources hold arrays nested `depth` deep: no document is made like that. */
export async function deeplyNested(depth: number): Promise<Buffer> {
  const doc = await plainDocument();
  let nested = doc.context.obj([]);
  for (let i = 0; i < depth; i++) nested = doc.context.obj([nested]);
  doc.getPage(0).node.set(PDFName.of('PieceInfo'), nested);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** A page tree whose root lists itself among its kids: a viewer walking it would never finish. */
export async function pageTreeCycle(): Promise<Buffer> {
  const doc = await plainDocument();
  const pagesRef = doc.catalog.get(PDFName.of('Pages')) as PDFRef;
  doc.context.lookup(pagesRef, PDFDict).lookup(PDFName.of('Kids'), PDFArray).push(pagesRef);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}
