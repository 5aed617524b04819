import { createHash, randomUUID } from 'node:crypto';
import type { HubDb } from './hub-db';
import type { HubDocument, HubDocumentFile } from '../common/hub-protocol/answers';
import { DEMO_DOCUMENT_SERVICES, demoDocumentsFor, type DemoDocumentContent, type DemoDocumentKind } from './demo-documents';
import { renderDocumentPdf } from './document-pdf';
import { hallDayKey } from '../common/time/hall-clock';

type Localized = HubDocument['title'];

/** A document put for a subject as it is (admin/documents): its bytes are never looked into. */
export interface PutDocument {
  id?: string;
  title: Localized;
  issuer: Localized;
  pages: number;
  validUntil: string | null;
  pdf: Buffer;
  /** The SHA-256 to announce instead of the true one (tests of the terminal's check). */
  sha256?: string;
}

/** How many drawn PDFs the hub keeps in memory (by document id). */
const CACHE_SIZE = 32;

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * Official documents (证明) by pseudonymous subject (docs/documents.md). With `demo`, a subject's
 * first list seeds the three demo documents (hub/demo-documents.ts), whose PDFs are drawn at the
 * first fetch and kept in memory, so the same document is the same bytes every time.
 */
export class HubDocuments {
  private readonly drawn = new Map<string, Promise<HubDocumentFile>>();

  constructor(
    private readonly db: HubDb,
    private readonly demo: boolean,
    /** The hall clock: demo documents are valid from the hall's today. */
    private readonly timeZone: string,
    private readonly render: (content: DemoDocumentContent) => Promise<Buffer> = renderDocumentPdf,
  ) {}

  /** The subject's documents, in the order they were added. */
  list(subject: string, now: number): HubDocument[] {
    if (this.demo) this.seedDemo(subject, now);
    const rows = this.db
      .prepare("SELECT id, title, issuer, pages, valid_until, json_extract(demo, '$.kind') AS kind FROM documents WHERE subject = ? ORDER BY added, id")
      .all(subject) as { id: string; title: string; issuer: string; pages: number; valid_until: string | null; kind: DemoDocumentKind | null }[];
    return rows.map((r) => ({
      id: r.id,
      title: JSON.parse(r.title) as Localized,
      issuer: JSON.parse(r.issuer) as Localized,
      pages: r.pages,
      validUntil: r.valid_until,
      // A document put through admin/documents belongs to no one service: every document service lists it.
      ...(r.kind ? { serviceCode: DEMO_DOCUMENT_SERVICES[r.kind] } : {}),
    }));
  }

  /** The PDF of the subject's document `id`; null when the subject has no such document. Throws CjkFontMissingError for a demo one without the font. */
  async file(subject: string, id: string): Promise<HubDocumentFile | null> {
    const row = this.db.prepare('SELECT demo, pdf, sha256 FROM documents WHERE id = ? AND subject = ?').get(id, subject) as
      { demo: string | null; pdf: Buffer | null; sha256: string | null } | undefined;
    if (!row) return null;
    if (row.pdf) return { id, contentType: 'application/pdf', pdfBase64: row.pdf.toString('base64'), sha256: row.sha256 ?? sha256(row.pdf) };
    let drawing = this.drawn.get(id);
    if (!drawing) {
      const content = JSON.parse(row.demo ?? 'null') as DemoDocumentContent;
      drawing = this.render(content).then((pdf) => ({ id, contentType: 'application/pdf' as const, pdfBase64: pdf.toString('base64'), sha256: sha256(pdf) }));
      this.remember(id, drawing);
    }
    return drawing;
  }

  /** Adds (or replaces) a document of `subject`; returns its id. */
  put(subject: string, doc: PutDocument): string {
    const id = doc.id ?? `doc-${randomUUID()}`;
    this.db
      .prepare(
        `INSERT OR REPLACE INTO documents (id, subject, title, issuer, pages, valid_until, demo, pdf, sha256, added)
         VALUES (?, ?, ?, ?, ?, ?, NULL, ?, ?, (SELECT COALESCE(MAX(added), 0) + 1 FROM documents))`,
      )
      .run(id, subject, JSON.stringify(doc.title), JSON.stringify(doc.issuer), doc.pages, doc.validUntil, doc.pdf, doc.sha256 ?? sha256(doc.pdf));
    this.drawn.delete(id);
    return id;
  }

  /** How many documents the hub holds (kioskctl hub dump). */
  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n;
  }

  private remember(id: string, drawing: Promise<HubDocumentFile>): void {
    this.drawn.set(id, drawing);
    drawing.catch(() => this.drawn.delete(id));
    if (this.drawn.size > CACHE_SIZE) this.drawn.delete(this.drawn.keys().next().value!);
  }

  private seedDemo(subject: string, now: number): void {
    this.db
      .transaction(() => {
        if (this.db.prepare('SELECT 1 FROM documents_seeded WHERE subject = ?').get(subject)) return;
        this.db.prepare('INSERT INTO documents_seeded (subject) VALUES (?)').run(subject);
        const insert = this.db.prepare(
          `INSERT OR IGNORE INTO documents (id, subject, title, issuer, pages, valid_until, demo, pdf, sha256, added)
           VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, (SELECT COALESCE(MAX(added), 0) + 1 FROM documents))`,
        );
        for (const d of demoDocumentsFor(subject, hallDayKey(now, this.timeZone))) {
          const c = d.content;
          insert.run(d.id, subject, JSON.stringify(c.title), JSON.stringify(c.issuer), c.pages, c.validUntil, JSON.stringify(c));
        }
      })
      .immediate();
  }
}
