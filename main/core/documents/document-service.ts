import { createHash } from 'node:crypto';
import type { RpcOutput } from '../../../common/rpc/contract';
import { RpcError } from '../../../common/rpc/errors';
import { documentFileAnswerSchema, documentsAnswerSchema, type HubDocument } from '../../../common/hub-protocol/answers';
import type { HubClient } from '../../../offline-queue/hub-client';
import { readHubAnswer } from '../../../offline-queue/hub-answers';
import type { Outbox } from '../../../offline-queue/outbox';
import type { DocumentPrintedPayload } from '../../../common/hub-protocol/document-printed';
import type { Clock } from '../../../base/clock';
import type { CoreService } from '../../../base/lifecycle';
import { DocumentPrinterUnreachable, IPP_MEDIA, type PaperSize } from '../../../devices/document-printer/document-printer';
import type { Logger } from '../../logging/logger';
import type { DocumentPrinterService } from '../devices/document-printer-service';
import { identityRequired, type SessionSubject } from '../identity/session-subject';
import { CallSession } from '../session/call-session';
import type { SessionService } from '../session/session-service';
import type { ParsedInput } from '../rpc/parsed-input';
import { checkDocumentPdf } from './pdf-checks';
import { documentRefusalSentence } from './document-sentences';
import { DOCUMENT_GONE, DOCUMENTS_UNAVAILABLE, JOB_NOT_COMPLETED, printerNotReadySentence } from './printer-sentences';

export interface DocumentServiceDeps {
  logger: Logger;
  clock: Clock;
  terminalId: () => string;
  /** The paper and sides in force (devices.documentPrinter). */
  paper: () => { paperSize: PaperSize; duplex: boolean };
  /** What was shown and opened is forgotten (and the PDF's bytes overwritten) when the session ends. */
  session: Pick<SessionService, 'sessionId' | 'onReset'>;
  client: Pick<HubClient, 'get'>;
  outbox: Pick<Outbox, 'enqueue'>;
  printer: Pick<DocumentPrinterService, 'readiness' | 'print'>;
  subject: Pick<SessionSubject, 'current'>;
}

interface OpenedDocument {
  id: string;
  pdf: Buffer;
  pages: number;
}

/**
 * 证明打印: the official documents the hub holds for the identified citizen (GET v1/documents),
 * one opened for the preview after the PDF checks, printed on the A4 printer and followed to the
 * job's end; a completed job is one `document.printed` submission (docs/documents.md).
 */
export class DocumentService implements CoreService {
  readonly name = 'documents';
  private listed: HubDocument[] = [];
  private opened: OpenedDocument | null = null;
  private printing = false;
  /** The opened document was dropped while it was printing: its bytes are overwritten once the print system has them. */
  private dropAfterPrint = false;

  constructor(private readonly deps: DocumentServiceDeps) {
    deps.session.onReset(() => this.forget());
  }

  async list({ serviceCode }: ParsedInput<'document.list'>): Promise<RpcOutput<'document.list'>> {
    const { deps } = this;
    const subject = this.subject();
    const call = new CallSession(deps.session, 'document.list');
    const answer = await deps.client.get(`v1/documents?subject=${encodeURIComponent(subject)}`);
    call.stillCurrent();
    const r = readHubAnswer(answer, documentsAnswerSchema, 'GET v1/documents', deps.logger);
    if (r.kind !== 'answer') {
      deps.logger.warn({ kind: r.kind }, 'printable documents not available from the hub');
      throw new RpcError('unavailable', 'the hub did not give the documents', { citizenMessage: DOCUMENTS_UNAVAILABLE });
    }
    this.listed = r.value.documents.filter((d) => d.serviceCode === undefined || d.serviceCode === serviceCode);
    return { documents: this.listed.map((d) => ({ id: d.id, title: d.title, issuer: d.issuer, pages: d.pages, validUntil: d.validUntil })) };
  }

  async open({ id }: ParsedInput<'document.open'>): Promise<RpcOutput<'document.open'>> {
    const { deps } = this;
    const subject = this.subject();
    if (!this.listed.some((d) => d.id === id)) throw notListed();
    const call = new CallSession(deps.session, 'document.open');
    const answer = await deps.client.get(`v1/documents/${encodeURIComponent(id)}?subject=${encodeURIComponent(subject)}`);
    call.stillCurrent();
    if (answer.kind === 'http-error' && answer.status === 404) {
      deps.logger.warn({ document: id }, 'document listed but not given by the hub');
      throw new RpcError('unavailable', 'the hub no longer has this document', { citizenMessage: DOCUMENT_GONE });
    }
    const r = readHubAnswer(answer, documentFileAnswerSchema, 'GET v1/documents/{id}', deps.logger);
    if (r.kind !== 'answer') throw new RpcError('unavailable', 'the hub did not give the document', { citizenMessage: DOCUMENTS_UNAVAILABLE });
    const pdf = Buffer.from(r.value.pdfBase64, 'base64');
    const sha = createHash('sha256').update(pdf).digest('hex');
    const check =
      sha !== r.value.sha256 ? ({ ok: false, reason: 'unreadable', detail: 'SHA-256 differs from the hub’s' } as const) : await checkDocumentPdf(pdf);
    if (!check.ok) {
      pdf.fill(0);
      deps.logger.warn({ document: id, reason: check.reason, detail: check.detail }, 'document refused before preview');
      throw new RpcError('invalid-input', `document refused: ${check.reason}`, { citizenMessage: documentRefusalSentence(check.reason) });
    }
    this.dropOpened();
    this.opened = { id, pdf, pages: check.pages };
    return { id, pages: check.pages, pdfBase64: r.value.pdfBase64 };
  }

  async printerStatus(): Promise<RpcOutput<'document.printerStatus'>> {
    const readiness = await this.deps.printer.readiness();
    return readiness.ready
      ? { ready: true, reasons: [], message: null }
      : { ready: false, reasons: readiness.reasons, message: printerNotReadySentence(readiness.reasons) };
  }

  async print({ id, copies }: ParsedInput<'document.print'>): Promise<RpcOutput<'document.print'>> {
    const { deps } = this;
    const subject = this.subject();
    const opened = this.opened;
    if (!opened || opened.id !== id) throw notListed('open the document before printing it');
    if (this.printing) throw new RpcError('conflict', 'this document is being printed');
    this.printing = true;
    const call = new CallSession(deps.session, 'document.print');
    try {
      const readiness = await deps.printer.readiness();
      if (!readiness.ready) {
        deps.logger.info({ reasons: readiness.reasons }, 'document not printed: printer not ready');
        return { outcome: 'not-printed', reason: 'not-ready', message: printerNotReadySentence(readiness.reasons), mayRetry: false };
      }
      const { paperSize, duplex } = deps.paper();
      let outcome;
      try {
        outcome = await deps.printer.print({
          pdf: opened.pdf,
          copies,
          // Unique: cups-pdf names its file after the job, and a job name never holds the document's content.
          jobName: `kiosk ${deps.terminalId()} document ${deps.clock.now()}`,
          pages: opened.pages,
          media: IPP_MEDIA[paperSize],
          sides: duplex ? 'two-sided-long-edge' : 'one-sided',
        });
      } catch (err) {
        if (!(err instanceof DocumentPrinterUnreachable)) throw err;
        deps.logger.warn({ err: err.message }, 'document print: the print system went away during the job');
        return { outcome: 'not-printed', reason: 'unreachable', message: JOB_NOT_COMPLETED.unreachable, mayRetry: true };
      }
      if (outcome.end !== 'completed') return { outcome: 'not-printed', reason: outcome.end, message: JOB_NOT_COMPLETED[outcome.end], mayRetry: true };
      // Counted once, when the paper is out: an aborted attempt and its retry make one record.
      try {
        deps.outbox.enqueue('document.printed', {
          documentId: id,
          copies,
          outcome: 'completed',
          jobId: outcome.jobId,
          pages: opened.pages,
          subject,
          printedAt: new Date(deps.clock.now()).toISOString(),
        } satisfies DocumentPrintedPayload);
      } catch (err) {
        // The citizen has the paper; only the hub's count misses it, which the technician sees in the log.
        deps.logger.error({ err, document: id, jobId: outcome.jobId }, 'document.printed not recorded in the outbox');
      }
      deps.logger.info({ document: id, copies, jobId: outcome.jobId, pages: opened.pages }, 'document printed');
      // The citizen's session may have ended while the paper came out: the record stands, the answer goes nowhere.
      call.stillCurrent();
      return { outcome: 'printed', pages: opened.pages, copies };
    } finally {
      this.printing = false;
      if (this.dropAfterPrint) opened.pdf.fill(0);
      this.dropAfterPrint = false;
    }
  }

  private subject(): string {
    const subject = this.deps.subject.current();
    if (!subject) throw identityRequired('documents');
    return subject;
  }

  /** Overwrites the opened PDF's bytes, or, while a job is being sent, once the print system has them. */
  private dropOpened(): void {
    if (this.printing) this.dropAfterPrint = true;
    else this.opened?.pdf.fill(0);
    this.opened = null;
  }

  private forget(): void {
    this.listed = [];
    this.dropOpened();
  }
}

function notListed(message = 'not a document of this citizen'): RpcError {
  return new RpcError('invalid-input', message, { issues: [{ path: 'id', message }] });
}
