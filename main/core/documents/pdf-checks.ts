import { PDFArray, PDFDict, PDFName, PDFObject, PDFParser, PDFRef, PDFStream } from 'pdf-lib';
import { MAX_DOCUMENT_BYTES, MAX_DOCUMENT_PAGES } from '../../../common/hub-protocol/limits';

export type DocumentRefusalReason = 'not-pdf' | 'too-large' | 'encrypted' | 'scripts' | 'embedded-files' | 'too-many-pages' | 'unreadable';

export type DocumentPdfCheck = { ok: true; pages: number } | { ok: false; reason: DocumentRefusalReason; detail: string };

/**
 * Names that make a PDF run or open something: action types (`/S /JavaScript`, `/S /Launch`, …), the
 * keys that carry script (`/JS`, the catalog's `/Names /JavaScript` tree), rich media, XFA forms (which
 * carry their own scripts). An `/OpenAction` or `/AA` is refused through its action's type: a plain
 * `/GoTo` open action stays allowed. `/GoToR` and `/GoToE` open another file or an embedded one.
 */
const SCRIPT_NAMES = new Set(['JavaScript', 'JS', 'Launch', 'SubmitForm', 'ImportData', 'RichMedia', 'RichMediaExecute', 'XFA', 'GoToR', 'GoToE']);
/** Names that carry files inside the document: the `/EmbeddedFiles` name tree, `/EF` of a file specification, the stream type, attachment annotations. */
const EMBEDDED_FILE_NAMES = new Set(['EmbeddedFiles', 'EmbeddedFile', 'EF', 'FileAttachment']);

/** The most findings named in `detail`. */
const MAX_FINDINGS_NAMED = 6;
/** Nesting deeper than this inside one object is not a document anyone made on purpose. */
const MAX_DEPTH = 64;

/**
 * Whether an official document may be previewed and printed at the kiosk. Refused: not a PDF, more than
 * MAX_DOCUMENT_BYTES, encrypted, anything that runs or launches (JavaScript, Launch, SubmitForm,
 * ImportData, RichMedia, XFA), embedded files, more than MAX_DOCUMENT_PAGES pages, or not fully readable.
 * `detail` is for the technician: it names what was found and where (object numbers), never the
 * document's text.
 *
 * Why parse rather than scan the raw bytes for `/JavaScript`: most objects of a modern PDF sit inside
 * Flate-compressed object streams, where the name never appears in clear; a name may be spelled with
 * `#xx` escapes (`/J#61vaScript` is `/JavaScript` to every reader); and a byte scan also hits document
 * text and image data. pdf-lib decodes object streams and names, so every dictionary a viewer would see
 * is walked here, including earlier versions of an object replaced by an incremental update (a viewer
 * following the cross-reference table may use either).
 */
export async function checkDocumentPdf(bytes: Buffer): Promise<DocumentPdfCheck> {
  if (!startsWithPdfHeader(bytes)) return refuse('not-pdf', `no %PDF- header (starts with ${describeStart(bytes)})`);
  if (bytes.length > MAX_DOCUMENT_BYTES) return refuse('too-large', `${bytes.length} bytes, more than the ${MAX_DOCUMENT_BYTES} allowed`);
  if (!hasEofMarker(bytes)) return refuse('unreadable', 'no %%EOF marker in the last 1024 bytes (truncated?)');

  let parsed: ParsedPdf;
  try {
    parsed = await parsePdf(bytes);
  } catch (err) {
    // An encrypted file's object streams are ciphertext and fail to decode; its /Encrypt entry sits in the
    // trailer or cross-reference stream dictionary, which are never compressed or encrypted.
    if (/\/Encrypt\b/.test(bytes.subarray(-64 * 1024).toString('latin1'))) return refuse('encrypted', 'the trailer has /Encrypt (parse failed)');
    return refuse('unreadable', `pdf-lib cannot parse it: ${(err as Error).message}`);
  }
  if (parsed.encrypted) return refuse('encrypted', 'the trailer has /Encrypt');

  let findings: Findings;
  try {
    findings = findHostileNames(parsed.objects);
  } catch (err) {
    return refuse('unreadable', (err as Error).message);
  }
  if (findings.scripts.length > 0) return refuse('scripts', describeFindings(findings.scripts));
  if (findings.embedded.length > 0) return refuse('embedded-files', describeFindings(findings.embedded));

  let pages: number;
  try {
    pages = countPages(parsed);
  } catch (err) {
    return refuse('unreadable', (err as Error).message);
  }
  if (pages > MAX_DOCUMENT_PAGES) return refuse('too-many-pages', `${pages} pages, more than the ${MAX_DOCUMENT_PAGES} allowed`);
  return { ok: true, pages };
}

function refuse(reason: DocumentRefusalReason, detail: string): DocumentPdfCheck {
  return { ok: false, reason, detail };
}

function startsWithPdfHeader(bytes: Buffer): boolean {
  return bytes.subarray(0, 5).toString('latin1') === '%PDF-';
}

/** The first bytes as hex, so a technician can recognise a PNG (89504e47), a ZIP (504b0304), HTML (3c21…). */
function describeStart(bytes: Buffer): string {
  return bytes.length === 0 ? 'nothing: the file is empty' : `bytes ${bytes.subarray(0, 8).toString('hex')}`;
}

function hasEofMarker(bytes: Buffer): boolean {
  return bytes.subarray(-1024).includes('%%EOF', 0, 'latin1');
}

interface ParsedPdf {
  /** Every indirect object the parser met, in file order, also those a later update replaced. */
  objects: [PDFRef, PDFObject][];
  lookup(ref: PDFRef): PDFObject | undefined;
  root: PDFObject | undefined;
  encrypted: boolean;
}

/** A pdf-lib parser that also keeps every object it assigns, so objects shadowed by a later definition are checked too. */
class RecordingParser extends PDFParser {
  readonly assigned: [PDFRef, PDFObject][] = [];
  constructor(bytes: Uint8Array) {
    // No yielding between objects (the whole parse of a 200 KB file takes milliseconds); an object that
    // does not parse fails the whole parse, since a document that cannot be read fully cannot be checked.
    super(bytes, Infinity, true, false);
    const context = this.context;
    const assign = context.assign.bind(context);
    context.assign = (ref, object) => {
      this.assigned.push([ref, object]);
      assign(ref, object);
    };
  }
}

async function parsePdf(bytes: Buffer): Promise<ParsedPdf> {
  const parser = new RecordingParser(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const context = await parser.parseDocument();
  const { Root, Encrypt } = context.trailerInfo;
  return {
    objects: parser.assigned,
    lookup: (ref) => context.lookup(ref),
    root: Root === undefined ? undefined : context.lookup(Root),
    encrypted: Encrypt !== undefined,
  };
}

interface Findings {
  scripts: string[];
  embedded: string[];
}

function findHostileNames(objects: [PDFRef, PDFObject][]): Findings {
  const findings: Findings = { scripts: [], embedded: [] };
  const note = (name: string, ref: PDFRef) => {
    const list = SCRIPT_NAMES.has(name) ? findings.scripts : EMBEDDED_FILE_NAMES.has(name) ? findings.embedded : null;
    const entry = `/${name} in object ${ref.objectNumber} ${ref.generationNumber} R`;
    if (list && !list.includes(entry)) list.push(entry);
  };
  const walk = (object: PDFObject, ref: PDFRef, depth: number): void => {
    if (depth > MAX_DEPTH) throw new Error(`object ${ref.objectNumber} ${ref.generationNumber} R nests deeper than ${MAX_DEPTH}`);
    if (object instanceof PDFName) {
      note(object.decodeText(), ref);
    } else if (object instanceof PDFDict) {
      for (const [key, value] of object.entries()) {
        note(key.decodeText(), ref);
        walk(value, ref, depth + 1);
      }
    } else if (object instanceof PDFArray) {
      for (const item of object.asArray()) walk(item, ref, depth + 1);
    } else if (object instanceof PDFStream) {
      walk(object.dict, ref, depth + 1);
    }
  };
  for (const [ref, object] of objects) walk(object, ref, 0);
  return findings;
}

function describeFindings(found: string[]): string {
  const named = found.slice(0, MAX_FINDINGS_NAMED).join(', ');
  return found.length > MAX_FINDINGS_NAMED ? `${named} and ${found.length - MAX_FINDINGS_NAMED} more` : named;
}

/**
 * Counts the leaves of the page tree from the catalog's /Pages, refusing a tree a viewer could not walk:
 * a missing catalog, a node that is not a dictionary, a cycle. /Count is not trusted: it is just a number.
 */
function countPages(parsed: ParsedPdf): number {
  if (!(parsed.root instanceof PDFDict)) throw new Error('the trailer has no /Root catalog dictionary');
  const visited = new Set<PDFObject>();
  let pages = 0;
  const visit = (node: PDFObject | undefined, depth: number): void => {
    const dict = node instanceof PDFRef ? parsed.lookup(node) : node;
    if (!(dict instanceof PDFDict)) throw new Error('the page tree has a node that is not a dictionary');
    if (visited.has(dict) || depth > MAX_DEPTH) throw new Error('the page tree has a cycle or is nested too deep');
    visited.add(dict);
    const type = dict.get(PDFName.of('Type'));
    if (type === PDFName.of('Page')) {
      pages += 1;
      return;
    }
    const kids = dict.lookup(PDFName.of('Kids'));
    if (!(kids instanceof PDFArray)) throw new Error('the page tree has a /Pages node without /Kids');
    for (const kid of kids.asArray()) visit(kid, depth + 1);
  };
  visit(parsed.root.get(PDFName.of('Pages')), 0);
  if (pages === 0) throw new Error('the document has no pages');
  return pages;
}
