import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { DemoDocumentContent } from './demo-documents';
import { ROWS_PER_PAGE } from './demo-documents';
import { cjkFaces, cjkFontData } from './cjk-font';
import { SEAL_RGB, sealPng } from './seal-png';

/** Where a verification QR leads; a real issuer prints its own checking service. */
export const VERIFY_URL_BASE = 'https://verify.hall.example/d/';

const A4 = { width: 595.28, height: 841.89 };
const LEFT = 56;
const WIDTH = A4.width - 2 * LEFT;
const ROW_HEIGHT = 22;
const INK = '#1a1a1a';
const GREY = '#666666';
const sealColor: [number, number, number] = [SEAL_RGB[0], SEAL_RGB[1], SEAL_RGB[2]];

const chineseDate = (day: string) => {
  const [y, m, d] = day.split('-');
  return `${y}年${m}月${d}日`;
};

type Doc = PDFKit.PDFDocument;

function table(doc: Doc, columns: string[], rows: string[][], top: number): number {
  const widths = columns.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] ?? '').length * 0.8), 4));
  const total = widths.reduce((a, b) => a + b, 0);
  const xs: number[] = [];
  let x = LEFT;
  for (const w of widths) {
    xs.push(x);
    x += (w / total) * WIDTH;
  }
  const cell = (text: string, i: number, y: number) => {
    const w = (i + 1 < xs.length ? xs[i + 1]! : LEFT + WIDTH) - xs[i]!;
    doc.text(text, xs[i]!, y + 6, { width: w, align: 'center', lineBreak: false });
  };
  doc.rect(LEFT, top, WIDTH, ROW_HEIGHT).fill('#eeeeee');
  doc.fillColor(INK).font('bold').fontSize(9);
  columns.forEach((c, i) => cell(c, i, top));
  doc.font('regular');
  rows.forEach((r, row) => r.forEach((c, i) => cell(c, i, top + (row + 1) * ROW_HEIGHT)));
  const bottom = top + (rows.length + 1) * ROW_HEIGHT;
  doc.lineWidth(0.6).strokeColor('#888888');
  for (let y = top; y <= bottom + 0.01; y += ROW_HEIGHT)
    doc
      .moveTo(LEFT, y)
      .lineTo(LEFT + WIDTH, y)
      .stroke();
  for (const edge of [...xs, LEFT + WIDTH]) doc.moveTo(edge, top).lineTo(edge, bottom).stroke();
  return bottom;
}

/** The seal: the ring-and-star image, the issuer's name along its upper arc, 专用章 under the star. */
function seal(doc: Doc, issuer: string, cx: number, cy: number, diameter: number): void {
  doc.image(sealPng(), cx - diameter / 2, cy - diameter / 2, { width: diameter, height: diameter });
  const chars = [...issuer];
  const size = Math.min(12, (diameter * 2.4) / chars.length);
  const radius = diameter / 2 - 8 - size / 2;
  const spread = 220;
  doc.font('bold').fontSize(size).fillColor(sealColor);
  chars.forEach((ch, i) => {
    const angle = -90 - spread / 2 + (spread * (i + 0.5)) / chars.length;
    const x = cx + radius * Math.cos((angle * Math.PI) / 180);
    const y = cy + radius * Math.sin((angle * Math.PI) / 180);
    doc.save().rotate(angle + 90, { origin: [x, y] });
    doc.text(ch, x - size / 2, y - size * 0.7, { lineBreak: false });
    doc.restore();
  });
  doc.fontSize(9).text('证明专用章', cx - 30, cy + diameter * 0.22, { width: 60, align: 'center', lineBreak: false });
}

function qr(doc: Doc, text: string, x: number, y: number, size: number): void {
  const code = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = code.modules.size;
  const cell = size / (n + 8);
  doc.rect(x, y, size, size).fill('#ffffff');
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (code.modules.get(r, c)) doc.rect(x + (c + 4) * cell, y + (r + 4) * cell, cell, cell);
  doc.fill(INK);
}

/** pdfkit's built-in Helvetica: not embedded, read by any PDF reader and kept by PostScript print paths. */
const LATIN = 'Helvetica';

function pageFrame(doc: Doc, d: DemoDocumentContent, page: number): void {
  // The verification code and the English title are set in a standard Latin font as well: text in an
  // embedded CJK subset loses its Unicode mapping when a print system rasterises through PostScript
  // (cups-pdf does), and a checker must still be able to read the code off a copy.
  doc.font(LATIN).fontSize(8).fillColor(GREY);
  doc.text(`Verification code ${d.verificationCode}`, LEFT, 36, { width: WIDTH, align: 'right', lineBreak: false });
  doc.font('regular');
  doc.text('演示样本 · 非正式文件（参考中心生成）', LEFT, 36, { width: WIDTH, align: 'left', lineBreak: false });
  doc
    .fontSize(9)
    .fillColor(INK)
    .text(`第 ${page} 页 共 ${d.pages} 页`, LEFT, A4.height - 48, { width: WIDTH, align: 'center', lineBreak: false });
}

/** The closing block of the last page: validity, issuer and date under the seal, the verification QR. */
function closing(doc: Doc, d: DemoDocumentContent, top: number): void {
  doc.font('regular').fontSize(9).fillColor(INK);
  const validity = d.validUntil ? `本证明有效期至 ${chineseDate(d.validUntil)}。` : '本记录长期有效。';
  doc.text(`说明：${validity}如需核验，请扫描左下方二维码或登录核验网站输入验证码。`, LEFT, top + 12, { width: WIDTH });
  const blockTop = top + 60;
  doc.fontSize(11).text(`出具单位：${d.issuer['zh-CN']}`, LEFT + WIDTH - 260, blockTop + 30, { width: 260, align: 'center', lineBreak: false });
  doc.text(`出具日期：${chineseDate(d.issuedOn)}`, LEFT + WIDTH - 260, blockTop + 52, { width: 260, align: 'center', lineBreak: false });
  seal(doc, d.issuer['zh-CN'], LEFT + WIDTH - 130, blockTop + 44, 118);
  qr(doc, VERIFY_URL_BASE + d.verificationCode, LEFT, blockTop, 84);
  doc.font('regular').fontSize(8).fillColor(INK);
  doc.text('扫码核验', LEFT, blockTop + 88, { width: 84, align: 'center', lineBreak: false });
  doc
    .text('验证码：', LEFT + 96, blockTop + 60, { continued: true, lineBreak: false })
    .font(LATIN)
    .text(d.verificationCode, { lineBreak: false });
  doc.font('regular');
}

/**
 * The PDF of a demo document: A4, set in the embedded subset of Noto Sans CJK SC, the statement,
 * the table over `d.pages` pages, the seal, the verification QR and 验证码, "第 n 页 共 m 页".
 * Deterministic: the same content gives the same bytes (the creation date is the issue day).
 * Throws CjkFontMissingError when the font is not installed.
 */
export function renderDocumentPdf(d: DemoDocumentContent): Promise<Buffer> {
  const fonts = cjkFaces();
  const data = cjkFontData();
  const created = new Date(`${d.issuedOn}T09:00:00+08:00`);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 20, bottom: 10, left: LEFT, right: LEFT },
    autoFirstPage: false,
    lang: 'zh-CN',
    info: {
      Title: d.title['zh-CN'],
      Author: d.issuer['zh-CN'],
      Creator: 'kiosk reference hub',
      Producer: 'kiosk reference hub',
      CreationDate: created,
      ModDate: created,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', data.regular, fonts.regular.postscriptName);
  doc.registerFont('bold', data.bold, fonts.bold.postscriptName);
  for (let page = 1; page <= d.pages; page++) {
    doc.addPage();
    pageFrame(doc, d, page);
    let y: number;
    if (page === 1) {
      doc.font('bold').fontSize(22).fillColor(INK).text(d.title['zh-CN'], LEFT, 70, { width: WIDTH, align: 'center', lineBreak: false });
      doc.font(LATIN).fontSize(9).fillColor(GREY).text(d.title.en, LEFT, 100, { width: WIDTH, align: 'center', lineBreak: false });
      doc.font('regular').fontSize(11).fillColor(INK);
      doc.text(`姓名：${d.holder.maskedName}`, LEFT, 122, { lineBreak: false });
      doc.text(`证件号码：${d.holder.maskedIdNumber}`, LEFT + 180, 122, { lineBreak: false });
      doc.text(d.statement, LEFT, 150, { width: WIDTH, lineGap: 4 });
      y = 200;
    } else {
      doc.font('bold').fontSize(14).fillColor(INK).text(`${d.title['zh-CN']}（续）`, LEFT, 70, { width: WIDTH, align: 'center', lineBreak: false });
      y = 110;
    }
    const rows = d.table.rows.slice((page - 1) * ROWS_PER_PAGE, page * ROWS_PER_PAGE);
    const bottom = table(doc, d.table.columns, rows, y);
    if (page === d.pages) closing(doc, d, bottom);
  }
  doc.end();
  return done;
}
