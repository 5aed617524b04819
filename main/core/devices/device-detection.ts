import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

export type DeviceGuess = 'idCard' | 'printer' | 'scanner' | 'unknown';

export interface DetectedDevice {
  path: string;
  kind: 'serial' | 'hid' | 'emulator';
  description: string;
  looksLike: DeviceGuess;
  vendorId?: string;
  productId?: string;
}

/**
 * USB ids seen on the devices of Chinese service halls. A guess for the technician to confirm,
 * never a reason to open a device: many vendors put generic USB-serial chips inside.
 */
const KNOWN_VENDORS: Record<string, DeviceGuess> = {
  '0c2e': 'scanner', // Honeywell / Metrologic
  '05e0': 'scanner', // Symbol / Zebra
  '1eab': 'scanner', // Newland
  '05f9': 'scanner', // Datalogic
  '0416': 'printer', // Winbond-based POS printers
  '0fe6': 'printer', // ICS Advent (many 80 mm POS printers)
  '04b8': 'printer', // Epson
  '0dd4': 'printer', // Custom Engineering
  '0400': 'idCard', // Synjones (神思) SAM readers
};

const NAME_HINTS: [RegExp, DeviceGuess][] = [
  [/id ?card|idcard|\bsam\b|身份证|cvr|synjones|神思|华视|chinavision/i, 'idCard'],
  [/print|pos|thermal|receipt|epson|xprinter|打印/i, 'printer'],
  [/scan|barcode|qr|honeywell|newland|zebra|symbol|datalogic|扫描/i, 'scanner'],
];

export function guessDevice(text: string, vendorId?: string): DeviceGuess {
  for (const [re, guess] of NAME_HINTS) if (re.test(text)) return guess;
  if (vendorId) return KNOWN_VENDORS[vendorId.toLowerCase().padStart(4, '0')] ?? 'unknown';
  return 'unknown';
}

const EMULATOR_LINKS: Record<string, DeviceGuess> = { ttyIdCard: 'idCard', ttyPrinter: 'printer', ttyScanner: 'scanner' };

/** Serial ports (serialport + udev), HID devices (node-hid), and this terminal's device emulators. */
export async function detectDevices(options: { runDir?: string } = {}): Promise<DetectedDevice[]> {
  const found: DetectedDevice[] = [];
  try {
    const { SerialPort } = await import('serialport');
    for (const p of await SerialPort.list()) {
      const description = [p.manufacturer, p.serialNumber ? `SN ${p.serialNumber}` : '', p.pnpId].filter(Boolean).join(' · ') || 'serial port';
      found.push({
        path: p.path,
        kind: 'serial',
        description,
        looksLike: guessDevice(`${p.manufacturer ?? ''} ${p.pnpId ?? ''}`, p.vendorId),
        ...(p.vendorId ? { vendorId: p.vendorId } : {}),
        ...(p.productId ? { productId: p.productId } : {}),
      });
    }
  } catch {
    /* no serial support on this machine (udev missing): the list stays without serial ports */
  }
  try {
    const hid = await import('node-hid');
    const devices = (hid.devices ?? (hid as unknown as { default: typeof hid }).default.devices)();
    for (const d of devices) {
      if (!d.path) continue;
      const vendorId = d.vendorId.toString(16).padStart(4, '0');
      const productId = d.productId.toString(16).padStart(4, '0');
      found.push({
        path: d.path,
        kind: 'hid',
        description: [d.manufacturer, d.product].filter(Boolean).join(' · ') || `HID ${vendorId}:${productId}`,
        looksLike: guessDevice(`${d.manufacturer ?? ''} ${d.product ?? ''}`, vendorId),
        vendorId,
        productId,
      });
    }
  } catch {
    /* libusb/hidraw unavailable */
  }
  if (options.runDir && existsSync(options.runDir)) {
    for (const name of readdirSync(options.runDir)) {
      const guess = EMULATOR_LINKS[name];
      if (guess) found.push({ path: path.join(options.runDir, name), kind: 'emulator', description: 'built-in emulator', looksLike: guess });
    }
  }
  return found;
}
