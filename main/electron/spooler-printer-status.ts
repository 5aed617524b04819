import type { DocumentPrinterStatus } from '../../devices/document-printer/document-printer';

/**
 * What `webContents.getPrintersAsync()` tells about one printer (Electron's PrinterInfo). Electron
 * documents `options` as platform-specific: where Chromium reads the printer from CUPS it holds the IPP
 * attributes (`printer-state`, `printer-state-reasons`, `printer-is-accepting-jobs`); older Electron versions
 * also gave `status`, on Windows the PRINTER_INFO_2 `Status` flags, which some builds still pass on.
 */
export interface SpoolerPrinterInfo {
  name: string;
  status?: number;
  options?: Record<string, string>;
}

/** Windows PRINTER_STATUS_* flags (winspool.h, PRINTER_INFO_2.Status) as IPP printer-state-reasons. */
const WINDOWS_STATUS_REASONS: [flag: number, reason: string][] = [
  [0x00000001, 'paused'],
  [0x00000002, 'other-error'],
  [0x00000004, 'deleting'],
  [0x00000008, 'media-jam-error'],
  [0x00000010, 'media-empty-error'],
  [0x00000020, 'media-needed-error'],
  [0x00000040, 'media-jam-error'],
  [0x00000080, 'offline-report'],
  [0x00000800, 'output-area-full-error'],
  [0x00001000, 'shutdown-error'],
  [0x00020000, 'toner-low-warning'],
  [0x00040000, 'toner-empty-error'],
  [0x00100000, 'other-error'],
  [0x00200000, 'resources-are-not-ready-error'],
  [0x00400000, 'door-open-error'],
  [0x00800000, 'other-error'],
  [0x02000000, 'offline-report'],
];
/** IO_ACTIVE, BUSY, PRINTING, PROCESSING, INITIALIZING, WARMING_UP. */
const WINDOWS_BUSY = 0x00000100 | 0x00000200 | 0x00000400 | 0x00004000 | 0x00008000 | 0x00010000;
/** Flags after which the printer cannot print until someone acts: PAUSED, ERROR, PENDING_DELETION, OFFLINE, NOT_AVAILABLE, SERVER_OFFLINE. */
const WINDOWS_STOPPED = 0x00000001 | 0x00000002 | 0x00000004 | 0x00000080 | 0x00001000 | 0x02000000;
const WINDOWS_PENDING_DELETION = 0x00000004;

const IPP_STATES: Record<string, DocumentPrinterStatus['state']> = { '3': 'idle', '4': 'processing', '5': 'stopped' };

/** The printer's status as DocumentPrinterStatus; a printer that reports nothing known is idle, with no reasons. */
export function spoolerPrinterStatus(info: SpoolerPrinterInfo): DocumentPrinterStatus {
  const options = info.options ?? {};
  if (options['printer-state'] !== undefined) return fromIppOptions(options);
  const flags = info.status ?? Number(options['status']);
  if (Number.isInteger(flags) && flags > 0) return fromWindowsFlags(flags);
  return { state: 'idle', reasons: [], acceptingJobs: true, message: '' };
}

function fromIppOptions(options: Record<string, string>): DocumentPrinterStatus {
  const reasons = (options['printer-state-reasons'] ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '' && r !== 'none');
  return {
    state: IPP_STATES[options['printer-state'] ?? ''] ?? 'idle',
    reasons,
    acceptingJobs: options['printer-is-accepting-jobs'] !== 'false',
    message: options['printer-state-message'] ?? '',
  };
}

function fromWindowsFlags(flags: number): DocumentPrinterStatus {
  const reasons = [...new Set(WINDOWS_STATUS_REASONS.filter(([flag]) => (flags & flag) !== 0).map(([, reason]) => reason))];
  const stopped = (flags & WINDOWS_STOPPED) !== 0 || reasons.some((r) => r.endsWith('-error'));
  return {
    state: stopped ? 'stopped' : (flags & WINDOWS_BUSY) !== 0 ? 'processing' : 'idle',
    reasons,
    acceptingJobs: (flags & WINDOWS_PENDING_DELETION) === 0,
    message: `Windows printer status 0x${flags.toString(16).padStart(8, '0')}`,
  };
}
