// The system packages the tests need, how to tell each is present, and its Debian package.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const has = (cmd) => spawnSync('sh', ['-c', cmd], { stdio: 'ignore' }).status === 0;

export const SYSTEM_DEPS = [
  { what: 'Chromium (end-to-end tests)', apt: 'chromium', present: () => existsSync('/usr/bin/chromium') },
  { what: 'a CJK font (Chinese text on screen)', apt: 'fonts-noto-cjk', present: () => has('fc-list :lang=zh | grep -q .') },
  { what: 'socat (pseudo-terminal pairs for device emulators)', apt: 'socat', present: () => has('command -v socat') },
  { what: 'udev (serial port listing)', apt: 'udev', present: () => has('command -v udevadm') },
  { what: 'libusb-1.0 (USB-HID readers through node-hid)', apt: 'libusb-1.0-0', present: () => has('ldconfig -p | grep -q libusb-1.0.so.0') },
  { what: 'fontconfig (font lookup)', apt: 'fontconfig', present: () => has('command -v fc-list') },
  { what: 'CUPS (the print system of the A4 document printer)', apt: 'cups', present: () => existsSync('/usr/sbin/cupsd') },
  { what: 'cups-pdf (the embedded A4 print queue writes PDFs)', apt: 'printer-driver-cups-pdf', present: () => existsSync('/usr/lib/cups/backend/cups-pdf') },
  {
    what: 'CUPS client tools (lpstat, lpadmin, cupsenable, cupsaccept)',
    apt: 'cups-client',
    present: () => existsSync('/usr/sbin/lpadmin') && has('command -v lpstat'),
  },
  { what: 'CUPS BSD commands (lpr, lpc)', apt: 'cups-bsd', present: () => existsSync('/usr/sbin/lpc') },
  { what: 'ipptool (reads CUPS job records in tests)', apt: 'cups-ipp-utils', present: () => has('command -v ipptool') },
  { what: 'poppler-utils (pdftotext reads printed PDFs in tests)', apt: 'poppler-utils', present: () => has('command -v pdftotext') },
  { what: 'espeak-ng (the core voice; tests render its speech to WAV)', apt: 'espeak-ng', present: () => has('command -v espeak-ng') },
  {
    what: "espeak-ng's voice data (Mandarin cmn-latn-pinyin, Cantonese yue)",
    apt: 'espeak-ng-data',
    present: () => has('espeak-ng --voices | grep -q cmn-Latn-pinyin && espeak-ng --voices | grep -q sit/yue'),
  },
];

export function missingDeps() {
  return SYSTEM_DEPS.filter((d) => !d.present());
}

/** Installs what is missing when running as root with apt; otherwise returns what is missing. */
export function ensureSystemDeps({ log = console.log } = {}) {
  let missing = missingDeps();
  if (missing.length === 0) return [];
  const packages = [...new Set(missing.map((d) => d.apt))];
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && has('command -v apt-get')) {
    log(`installing system packages: ${packages.join(' ')}`);
    execSync('apt-get update -qq', { stdio: 'inherit' });
    execSync(`DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${packages.join(' ')}`, { stdio: 'inherit' });
    missing = missingDeps();
  }
  return missing;
}
