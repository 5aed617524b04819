import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DocumentPrinterUnreachable, printerReadiness, type DocumentPrintRequest } from '../../devices/document-printer/document-printer';
import {
  DOCUMENT_PRINT_PARTITION,
  printOptionsFor,
  SpoolerDocumentPrinter,
  type PrintWindow,
  type SpoolerElectron,
} from '../../main/electron/spooler-document-printer';
import { spoolerPrinterStatus, type SpoolerPrinterInfo } from '../../main/electron/spooler-printer-status';

const PRINTER = 'HP LaserJet M404 (A4)';
type BrowserWindowConstructorOptions = Parameters<SpoolerElectron['createWindow']>[0];
type WebContentsPrintOptions = Parameters<PrintWindow['webContents']['print']>[0];

/** A hidden window as Electron would make it, recording what the printer does with it. */
class FakePrintWindow implements PrintWindow {
  readonly loaded: { url: string; mode: number; bytes: Buffer }[] = [];
  destroyed = false;
  printOptions: WebContentsPrintOptions | null = null;
  printCallback: ((success: boolean, failureReason: string) => void) | null = null;
  private printCalled!: () => void;
  readonly printed = new Promise<void>((resolve) => (this.printCalled = resolve));
  readonly webContents = {
    print: (options: WebContentsPrintOptions, callback: (success: boolean, failureReason: string) => void) => {
      this.printOptions = options;
      this.printCallback = callback;
      this.printCalled();
    },
  };
  constructor(
    readonly options: BrowserWindowConstructorOptions,
    private readonly loadFails = false,
  ) {}
  async loadURL(url: string): Promise<void> {
    const file = fileURLToPath(url);
    this.loaded.push({ url, mode: statSync(file).mode & 0o777, bytes: readFileSync(file) });
    if (this.loadFails) throw new Error('ERR_FAILED (-2) loading');
  }
  destroy(): void {
    this.destroyed = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

let tmpDir: string;
beforeEach(() => {
  tmpDir = mkdtempSync(path.join(os.tmpdir(), 'kiosk-spooler-test-'));
});
afterEach(() => {
  rmSync(tmpDir, { recursive: true, force: true });
});

function spooler(options: { printers?: SpoolerPrinterInfo[]; listFails?: boolean; loadFails?: boolean; printTimeoutMs?: number } = {}) {
  const windows: FakePrintWindow[] = [];
  const electron: SpoolerElectron = {
    listPrinters: async () => {
      if (options.listFails) throw new Error('print backend unavailable');
      return options.printers ?? [{ name: 'Microsoft Print to PDF' }, { name: PRINTER, options: {} }];
    },
    createWindow: (windowOptions) => {
      const window = new FakePrintWindow(windowOptions, options.loadFails);
      windows.push(window);
      return window;
    },
  };
  const printer = new SpoolerDocumentPrinter({ printerName: PRINTER, electron, tmpDir, renderGraceMs: 0, printTimeoutMs: options.printTimeoutMs });
  return { printer, windows };
}

const request = (overrides: Partial<DocumentPrintRequest> = {}): DocumentPrintRequest => ({
  pdf: Buffer.from('%PDF-1.7\n% a document\n%%EOF\n'),
  copies: 2,
  jobName: 'kiosk-document-1',
  media: 'iso_a4_210x297mm',
  sides: 'two-sided-long-edge',
  ...overrides,
});

describe('printOptionsFor', () => {
  it('prints silently to the named printer with the copies, paper and duplex asked for', () => {
    expect(printOptionsFor(PRINTER, { copies: 3, media: 'iso_a4_210x297mm', sides: 'two-sided-long-edge' })).toEqual({
      silent: true,
      deviceName: PRINTER,
      copies: 3,
      pageSize: 'A4',
      duplexMode: 'longEdge',
      printBackground: true,
      color: true,
      landscape: false,
    });
    expect(printOptionsFor(PRINTER, { copies: 1, media: 'iso_a4_210x297mm', sides: 'one-sided' })).toMatchObject({ copies: 1, duplexMode: 'simplex' });
  });

  it('names the paper sizes Chromium knows and gives any other IPP size in microns', () => {
    expect(printOptionsFor(PRINTER, { ...request(), media: 'na_letter_8.5x11in' }).pageSize).toBe('Letter');
    expect(printOptionsFor(PRINTER, { ...request(), media: 'iso_b5_176x250mm' }).pageSize).toEqual({ width: 176_000, height: 250_000 });
    expect(printOptionsFor(PRINTER, { ...request(), media: 'na_index-4x6_4x6in' }).pageSize).toEqual({ width: 101_600, height: 152_400 });
    expect(() => printOptionsFor(PRINTER, { ...request(), media: 'a4' })).toThrow(/not an IPP self-describing size/);
  });
});

describe('spoolerPrinterStatus', () => {
  it('reads the IPP attributes Chromium reports from CUPS', () => {
    const status = spoolerPrinterStatus({
      name: PRINTER,
      options: { 'printer-state': '5', 'printer-state-reasons': 'media-empty-error,toner-low-report', 'printer-is-accepting-jobs': 'false' },
    });
    expect(status).toEqual({ state: 'stopped', reasons: ['media-empty-error', 'toner-low-report'], acceptingJobs: false, message: '' });
  });

  it('maps the Windows PRINTER_STATUS flags: paper out stops printing, toner low does not, printing is processing', () => {
    const paperOut = spoolerPrinterStatus({ name: PRINTER, status: 0x10 });
    expect(paperOut).toMatchObject({ state: 'stopped', reasons: ['media-empty-error'], acceptingJobs: true });
    expect(printerReadiness(paperOut)).toEqual({ ready: false, reasons: ['stopped', 'media-empty'] });

    const tonerLow = spoolerPrinterStatus({ name: PRINTER, status: 0x20000 });
    expect(tonerLow).toMatchObject({ state: 'idle', reasons: ['toner-low-warning'] });
    expect(printerReadiness(tonerLow)).toEqual({ ready: true });

    expect(spoolerPrinterStatus({ name: PRINTER, status: 0x400 })).toMatchObject({ state: 'processing', reasons: [] });
    const offline = spoolerPrinterStatus({ name: PRINTER, options: { status: String(0x80) } });
    expect(offline).toMatchObject({ state: 'stopped', reasons: ['offline-report'] });
    expect(printerReadiness(offline)).toEqual({ ready: false, reasons: ['stopped'] });
    expect(spoolerPrinterStatus({ name: PRINTER, status: 0x1 | 0x400000 })).toMatchObject({ state: 'stopped', reasons: ['paused', 'door-open-error'] });
  });

  it('takes a printer that reports nothing it knows as idle, with no reasons', () => {
    expect(spoolerPrinterStatus({ name: PRINTER, options: { 'printer-location': 'Hall 2', system_driverinfo: 'HP;10.0;' } })).toEqual({
      state: 'idle',
      reasons: [],
      acceptingJobs: true,
      message: '',
    });
  });
});

describe('SpoolerDocumentPrinter', () => {
  it('reports the status of its printer, and a printer Windows does not list as unreachable', async () => {
    await expect(spooler({ printers: [{ name: PRINTER, status: 0x8 }] }).printer.status()).resolves.toMatchObject({
      state: 'stopped',
      reasons: ['media-jam-error'],
    });
    await expect(spooler({ printers: [{ name: 'Microsoft Print to PDF' }] }).printer.status()).rejects.toThrow(DocumentPrinterUnreachable);
    await expect(spooler({ listFails: true }).printer.status()).rejects.toThrow(/printer list cannot be read/);
  });

  it('prints the PDF from a 0600 temporary file in a hidden sandboxed window, then removes file and window', async () => {
    const { printer, windows } = spooler();
    const jobIds: number[] = [];
    const printing = printer.print(request(), { onJobCreated: (id) => jobIds.push(id) });
    const [window] = await waitForWindow(windows);
    await window.printed;

    expect(window.options).toMatchObject({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, partition: DOCUMENT_PRINT_PARTITION },
    });
    expect(window.options.webPreferences).not.toHaveProperty('preload');
    expect(window.loaded).toHaveLength(1);
    expect(window.loaded[0]).toMatchObject({ url: expect.stringMatching(/^file:\/\//), bytes: request().pdf });
    expect(window.loaded[0]?.mode).toBe(0o600);
    expect(window.printOptions).toMatchObject({ silent: true, deviceName: PRINTER, copies: 2, pageSize: 'A4', duplexMode: 'longEdge' });
    expect(jobIds).toEqual([0]);

    window.printCallback?.(true, '');
    await expect(printing).resolves.toEqual({ end: 'completed', jobId: 0, reasons: ['job-completed-successfully'], copies: 2 });
    expect(window.destroyed).toBe(true);
    expect(readdirSync(tmpDir)).toEqual([]);
  });

  it.each([
    ['Print job canceled', { end: 'canceled', reasons: ['job-canceled-at-device'], copies: 0 }],
    ['cancelled', { end: 'canceled', reasons: ['job-canceled-at-device'], copies: 0 }],
    ['Print job failed', { end: 'aborted', reasons: ['aborted-by-system', 'Print job failed'], copies: 0 }],
    ['Invalid printer settings', { end: 'aborted', reasons: ['aborted-by-system', 'Invalid printer settings'], copies: 0 }],
  ])('turns the failure "%s" into the job outcome, and cleans up', async (failureReason, outcome) => {
    const { printer, windows } = spooler();
    const printing = printer.print(request());
    const [window] = await waitForWindow(windows);
    await window.printed;
    window.printCallback?.(false, failureReason);
    await expect(printing).resolves.toEqual({ jobId: 0, ...outcome });
    expect(window.destroyed).toBe(true);
    expect(readdirSync(tmpDir)).toEqual([]);
  });

  it('does not hand over a job whose signal was aborted, and creates no window for a printer Windows does not list', async () => {
    const aborted = spooler();
    await expect(aborted.printer.print(request(), { signal: AbortSignal.abort() })).resolves.toMatchObject({ end: 'canceled', copies: 0 });
    expect(aborted.windows).toEqual([]);

    const missing = spooler({ printers: [] });
    await expect(missing.printer.print(request())).rejects.toMatchObject({ name: 'DocumentPrinterUnreachable', ippStatus: 'client-error-not-found' });
    expect(missing.windows).toEqual([]);
    expect(readdirSync(tmpDir)).toEqual([]);
  });

  it('removes the temporary file when the PDF cannot be loaded, and gives up on a print callback that never comes', async () => {
    const unloadable = spooler({ loadFails: true });
    await expect(unloadable.printer.print(request())).rejects.toThrow(/ERR_FAILED/);
    expect(unloadable.windows[0]?.destroyed).toBe(true);
    expect(readdirSync(tmpDir)).toEqual([]);

    const hung = spooler({ printTimeoutMs: 20 });
    await expect(hung.printer.print(request())).rejects.toThrow(/did not answer.*fate is unknown/);
    expect(hung.windows[0]?.destroyed).toBe(true);
    expect(readdirSync(tmpDir)).toEqual([]);
  });
});

/** The print window, once the printer has made it. */
async function waitForWindow(windows: FakePrintWindow[]): Promise<[FakePrintWindow]> {
  await expect.poll(() => windows.length).toBe(1);
  return [windows[0] as FakePrintWindow];
}
