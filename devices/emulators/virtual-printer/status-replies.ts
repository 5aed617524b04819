/** The conditions the virtual printer can be put in, and its replies to `DLE EOT n`. */
export const VIRTUAL_PRINTER_STATUSES = ['ok', 'paper-end', 'near-end', 'cover-open', 'cutter-error', 'offline'] as const;
export type VirtualPrinterStatus = (typeof VIRTUAL_PRINTER_STATUSES)[number];

export function isVirtualPrinterStatus(s: string): s is VirtualPrinterStatus {
  return (VIRTUAL_PRINTER_STATUSES as readonly string[]).includes(s);
}

/** Every reply has bits 1 and 4 set (0x12); the condition's bits are added to it. */
const FIXED = 0x12;
const OFFLINE = 0x08;

/** Reply bytes for DLE EOT 1..4 (index 0 = n=1), as an Epson printer sends them; null = silent. */
export function statusReplies(status: VirtualPrinterStatus): [number, number, number, number] | null {
  switch (status) {
    case 'ok':
      return [FIXED, FIXED, FIXED, FIXED];
    case 'near-end':
      return [FIXED, FIXED, FIXED, FIXED | 0x0c];
    case 'paper-end':
      return [FIXED | OFFLINE, FIXED | 0x20, FIXED, FIXED | 0x0c | 0x60];
    case 'cover-open':
      return [FIXED | OFFLINE, FIXED | 0x04, FIXED, FIXED];
    case 'cutter-error':
      return [FIXED | OFFLINE, FIXED | 0x40, FIXED | 0x08, FIXED];
    case 'offline':
      return null;
  }
}
