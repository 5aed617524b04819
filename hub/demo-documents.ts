import { createHash } from 'node:crypto';

/**
 * Demo documents (证明) the reference hub seeds the first time a subject's documents are asked
 * for (when demo documents are on, the default of `kioskctl hub serve` and the embedded hub): the
 * same three for every subject, filled from the subject's hash so that the same subject always gets
 * the same ones. A real hub passes on what the issuing authorities compose.
 *
 * The hub never knows who a subject is: the holder printed on a sample is a masked, made-up name
 * and ID number drawn from the hash (never a full ID number), like the demo results.
 */

type Localized = { 'zh-CN': string; 'zh-HK': string; en: string };

export const DEMO_DOCUMENT_KINDS = ['social-insurance', 'tax', 'housing-fund'] as const;
export type DemoDocumentKind = (typeof DEMO_DOCUMENT_KINDS)[number];

/** The default catalog's 证明打印 service (kind `document`) each demo document is printed under. */
export const DEMO_DOCUMENT_SERVICES: Record<DemoDocumentKind, string> = { 'social-insurance': 'P1', tax: 'P2', 'housing-fund': 'P3' };

/** What a demo document's PDF is drawn from (hub/document-pdf.ts); stored with the document. */
export interface DemoDocumentContent {
  kind: DemoDocumentKind;
  title: Localized;
  issuer: Localized;
  pages: number;
  /** YYYY-MM-DD, the hall's day the document was issued; also the PDF's fixed creation date. */
  issuedOn: string;
  validUntil: string | null;
  /** 验证码: 16 characters, printed on every page and in the QR. */
  verificationCode: string;
  holder: { maskedName: string; maskedIdNumber: string };
  /** The table: a header row, then the body rows (split over the pages by the renderer). */
  table: { columns: string[]; rows: string[][] };
  /** The sentence the issuer certifies, above the table. */
  statement: string;
}

export interface DemoDocument {
  id: string;
  content: DemoDocumentContent;
}

const TEMPLATES: Record<DemoDocumentKind, { title: Localized; issuer: Localized; validDays: number | null }> = {
  'social-insurance': {
    title: { 'zh-CN': '社会保险参保证明', 'zh-HK': '社會保險參保證明', en: 'Social insurance contribution certificate' },
    issuer: { 'zh-CN': '示范市社会保险事业管理局', 'zh-HK': '示範市社會保險事業管理局', en: 'Social Insurance Bureau of Demo City' },
    validDays: 90,
  },
  tax: {
    title: { 'zh-CN': '个人纳税记录', 'zh-HK': '個人納稅記錄', en: 'Personal tax payment record' },
    issuer: { 'zh-CN': '示范市税务局', 'zh-HK': '示範市稅務局', en: 'Tax Bureau of Demo City' },
    validDays: null,
  },
  'housing-fund': {
    title: { 'zh-CN': '住房公积金缴存证明', 'zh-HK': '住房公積金繳存證明', en: 'Housing provident fund contribution certificate' },
    issuer: { 'zh-CN': '示范市住房公积金管理中心', 'zh-HK': '示範市住房公積金管理中心', en: 'Housing Provident Fund Centre of Demo City' },
    validDays: 30,
  },
};

/** No 0/O, 1/I/L: a verification code is typed in by whoever checks the paper. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** The 验证码 of a document: 16 characters, the same for the same document id. */
export function verificationCodeOf(documentId: string): string {
  const digest = createHash('sha256').update(`document-verification:${documentId}`).digest();
  let code = '';
  for (let i = 0; i < 16; i++) code += CODE_ALPHABET[digest[i]! % CODE_ALPHABET.length];
  return code;
}

const SURNAMES = ['张', '王', '李', '赵', '陈', '刘', '杨', '黄', '周', '吴'];

function maskedHolder(seed: Buffer): DemoDocumentContent['holder'] {
  const stars = seed[3]! % 2 === 0 ? '*' : '**';
  const tail = String(1000 + ((seed[4]! * 256 + seed[5]!) % 9000)).slice(0, 3) + (seed[6]! % 11 === 10 ? 'X' : String(seed[6]! % 10));
  return { maskedName: SURNAMES[seed[2]! % SURNAMES.length]! + stars, maskedIdNumber: `1101**********${tail}` };
}

function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The months before `day`'s month, oldest first: `2026-01`. */
function monthsBefore(day: string, count: number): string[] {
  const [y, m] = day.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = count; i >= 1; i--) {
    const index = y * 12 + (m - 1) - i;
    out.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

const yuan = (n: number) => n.toFixed(2);

function tableOf(kind: DemoDocumentKind, seed: Buffer, issuedOn: string, months: number): DemoDocumentContent['table'] {
  const base = 6000 + (seed[7]! % 40) * 250;
  if (kind === 'social-insurance') {
    return {
      columns: ['缴费年月', '险种', '缴费基数（元）', '单位缴纳（元）', '个人缴纳（元）', '状态'],
      rows: monthsBefore(issuedOn, months).map((ym) => [ym, '职工基本养老保险', yuan(base), yuan(base * 0.16), yuan(base * 0.08), '已到账']),
    };
  }
  if (kind === 'tax') {
    const taxable = Math.max(0, base - 5000 - 1500);
    return {
      columns: ['所属期', '所得项目', '收入额（元）', '已缴税额（元）', '入库日期'],
      rows: monthsBefore(issuedOn, months).map((ym) => [ym, '工资薪金所得', yuan(base), yuan(taxable * 0.03), `${ym}-15`]),
    };
  }
  return {
    columns: ['缴存年月', '缴存基数（元）', '单位缴存（元）', '个人缴存（元）', '状态'],
    rows: monthsBefore(issuedOn, months).map((ym) => [ym, yuan(base), yuan(base * 0.12), yuan(base * 0.12), '正常']),
  };
}

const STATEMENTS: Record<DemoDocumentKind, (holder: DemoDocumentContent['holder'], months: number) => string> = {
  'social-insurance': (h, n) => `兹证明 ${h.maskedName}（证件号码 ${h.maskedIdNumber}）在本市参加职工基本养老保险，近 ${n} 个月缴费记录如下。`,
  tax: (h, n) => `经查询，纳税人 ${h.maskedName}（证件号码 ${h.maskedIdNumber}）近 ${n} 个月个人所得税完税情况如下。`,
  'housing-fund': (h, n) => `兹证明 ${h.maskedName}（证件号码 ${h.maskedIdNumber}）在本中心正常缴存住房公积金，近 ${n} 个月缴存记录如下。`,
};

/** Body rows per page the renderer lays out (hub/document-pdf.ts): the page count follows from it. */
export const ROWS_PER_PAGE = 14;

/**
 * The demo documents of a subject, issued on the hall's day `issuedOn` (YYYY-MM-DD): 社保参保证明
 * (2 pages), 个人纳税记录 (1 or 2 pages, from the hash), 公积金缴存证明 (1 page).
 */
export function demoDocumentsFor(subject: string, issuedOn: string): DemoDocument[] {
  const seed = createHash('sha256').update(subject).digest();
  const holder = maskedHolder(seed);
  const monthsOf: Record<DemoDocumentKind, number> = { 'social-insurance': 24, tax: seed[8]! % 2 === 0 ? 12 : 24, 'housing-fund': 12 };
  return DEMO_DOCUMENT_KINDS.map((kind) => {
    const id = `doc-${seed.subarray(8, 14).toString('hex')}-${kind}`;
    const t = TEMPLATES[kind];
    const months = monthsOf[kind];
    return {
      id,
      content: {
        kind,
        title: t.title,
        issuer: t.issuer,
        pages: Math.ceil(months / ROWS_PER_PAGE),
        issuedOn,
        validUntil: t.validDays === null ? null : addDays(issuedOn, t.validDays),
        verificationCode: verificationCodeOf(id),
        holder,
        table: tableOf(kind, seed, issuedOn, months),
        statement: STATEMENTS[kind](holder, months),
      },
    };
  });
}
