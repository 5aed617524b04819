import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions, WebContentsPrintOptions } from 'electron';
import {
  DocumentPrinterUnreachable,
  type DocumentJobOutcome,
  type DocumentPrinter,
  type DocumentPrinterStatus,
  type DocumentPrintRequest,
} from '../../devices/document-printer/document-printer';
import { spoolerPrinterStatus, type SpoolerPrinterInfo } from './spooler-printer-status';

/** The part of a BrowserWindow the printer uses. */
export interface PrintWindow {
  loadURL(url: string): Promise<void>;
  destroy(): void;
  isDestroyed(): boolean;
  webContents: { print(options: WebContentsPrintOptions, callback: (success: boolean, failureReason: string) => void): void };
}

/** What the printer needs from Electron, passed in by the shell. */
export interface SpoolerElectron {
  /** `webContents.getPrintersAsync()` of any live window (the kiosk window's). */
  listPrinters(): Promise<SpoolerPrinterInfo[]>;
  /** `new BrowserWindow(options)`. */
  createWindow(options: BrowserWindowConstructorOptions): PrintWindow;
}

export interface SpoolerDocumentPrinterOptions {
  /** The printer's name as Windows knows it (not its friendly name). */
  printerName: string;
  electron: SpoolerElectron;
  /** Where the job's temporary PDF is written; os.tmpdir() (the user's own %TEMP% on Windows) by default. */
  tmpDir?: string;
  /** Time for Chromium's PDF viewer to lay the document out after the load, before printing (it signals no event for it). */
  renderGraceMs?: number;
  /** A print callback that never comes (a hung driver) is given up after this. */
  printTimeoutMs?: number;
}

/**
 * The in-memory session of the print window: it shares nothing with the kiosk window's session, whose
 * lock-down (no file: requests, the app's CSP) would stop the PDF from loading.
 */
export const DOCUMENT_PRINT_PARTITION = 'kiosk-document-print';

/** The hidden print window: sandboxed, no preload, no Node, its own session; `plugins` is Chromium's PDF viewer. */
export function printWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: 794,
    height: 1123,
    webPreferences: {
      partition: DOCUMENT_PRINT_PARTITION,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      plugins: true,
      devTools: false,
      spellcheck: false,
      navigateOnDragDrop: false,
    },
  };
}

/** IPP media names Chromium knows by name; any other `…_WxHmm` or `…_WxHin` goes as a size in microns. */
const NAMED_MEDIA: Record<string, WebContentsPrintOptions['pageSize']> = {
  iso_a3_297x420mm: 'A3',
  iso_a4_210x297mm: 'A4',
  iso_a5_148x210mm: 'A5',
  na_letter_8_5x11in: 'Letter',
  'na_letter_8.5x11in': 'Letter',
  'na_legal_8.5x14in': 'Legal',
};

export function pageSizeForMedia(media: string): NonNullable<WebContentsPrintOptions['pageSize']> {
  const named = NAMED_MEDIA[media];
  if (named) return named;
  const size = /_(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)(mm|in)$/.exec(media);
  if (!size) throw new Error(`media ${media} is not an IPP self-describing size name`);
  const microns = size[3] === 'mm' ? 1000 : 25_400;
  return { width: Math.round(Number(size[1]) * microns), height: Math.round(Number(size[2]) * microns) };
}

export function printOptionsFor(printerName: string, request: Pick<DocumentPrintRequest, 'copies' | 'media' | 'sides'>): WebContentsPrintOptions {
  return {
    silent: true,
    deviceName: printerName,
    copies: request.copies,
    pageSize: pageSizeForMedia(request.media),
    duplexMode: request.sides === 'two-sided-long-edge' ? 'longEdge' : 'simplex',
    printBackground: true,
    color: true,
    landscape: false,
  };
}

/** The spooler gives Electron no job id. */
const NO_JOB_ID = 0;

/**
 * The A4 printer on Windows, through Electron's silent printing to a named printer (Chromium's PDF viewer
 * lays the document out, the Windows spooler and the printer's driver print it).
 *
 * The PDF goes to the viewer as a temporary file (0600, in a fresh 0700 directory, removed after the
 * job) rather than a data: URL: Chromium refuses URLs over 2 MiB, and a document may be 8 MiB.
 *
 * What Electron reports is less than IPP's: `completed` means the spooler took the job, not that the
 * paper came out; there is no job id to follow or cancel; an abort only stops a job not yet handed over.
 */
export class SpoolerDocumentPrinter implements DocumentPrinter {
  readonly target: string;

  constructor(private readonly options: SpoolerDocumentPrinterOptions) {
    this.target = options.printerName;
  }

  async status(): Promise<DocumentPrinterStatus> {
    return spoolerPrinterStatus(await this.printerInfo());
  }

  async print(request: DocumentPrintRequest, options: { signal?: AbortSignal; onJobCreated?: (jobId: number) => void } = {}): Promise<DocumentJobOutcome> {
    await this.printerInfo();
    const dir = await mkdtemp(path.join(this.options.tmpDir ?? os.tmpdir(), 'kiosk-document-'));
    let window: PrintWindow | null = null;
    try {
      const file = path.join(dir, 'document.pdf');
      await writeFile(file, request.pdf, { mode: 0o600 });
      if (options.signal?.aborted) return canceledBeforeHandOver();
      window = this.options.electron.createWindow(printWindowOptions());
      await window.loadURL(pathToFileURL(file).href);
      await delay(this.options.renderGraceMs ?? 500);
      if (options.signal?.aborted) return canceledBeforeHandOver();
      options.onJobCreated?.(NO_JOB_ID);
      const [success, failureReason] = await this.printOnce(window, printOptionsFor(this.options.printerName, request));
      return jobOutcome(success, failureReason, request.copies);
    } finally {
      if (window && !window.isDestroyed()) window.destroy();
      await rm(dir, { recursive: true, force: true });
    }
  }

  private async printerInfo(): Promise<SpoolerPrinterInfo> {
    let printers: SpoolerPrinterInfo[];
    try {
      printers = await this.options.electron.listPrinters();
    } catch (err) {
      throw new DocumentPrinterUnreachable(`the printer list cannot be read: ${(err as Error).message}`);
    }
    const info = printers.find((p) => p.name === this.options.printerName);
    if (!info) throw new DocumentPrinterUnreachable(`printer "${this.options.printerName}" is not installed in Windows`, 'client-error-not-found');
    return info;
  }

  private printOnce(window: PrintWindow, printOptions: WebContentsPrintOptions): Promise<[boolean, string]> {
    const timeoutMs = this.options.printTimeoutMs ?? 120_000;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new DocumentPrinterUnreachable(`the spooler did not answer within ${timeoutMs / 1000} s; the job's fate is unknown`)),
        timeoutMs,
      );
      window.webContents.print(printOptions, (success, failureReason) => {
        clearTimeout(timer);
        resolve([success, failureReason]);
      });
    });
  }
}

/**
 * The failure reasons that mean a cancel: Electron 45 documents "Print job canceled" (beside "Print job
 * failed" and "Invalid printer settings"); earlier versions said "cancelled".
 */
const CANCELED_REASONS = new Set(['Print job canceled', 'cancelled']);

/** Electron's print callback as a job outcome. */
export function jobOutcome(success: boolean, failureReason: string, copies: number): DocumentJobOutcome {
  if (success) return { end: 'completed', jobId: NO_JOB_ID, reasons: ['job-completed-successfully'], copies };
  if (CANCELED_REASONS.has(failureReason)) return { end: 'canceled', jobId: NO_JOB_ID, reasons: ['job-canceled-at-device'], copies: 0 };
  return { end: 'aborted', jobId: NO_JOB_ID, reasons: ['aborted-by-system', ...(failureReason ? [failureReason] : [])], copies: 0 };
}

function canceledBeforeHandOver(): DocumentJobOutcome {
  return { end: 'canceled', jobId: NO_JOB_ID, reasons: ['job-canceled-by-user'], copies: 0 };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
