import { IdCardReader } from '../../../devices/id-card/id-card-reader';
import { PrinterDriver } from '../../../devices/printer/driver';
import { ReconnectingLink } from '../../../devices/serial/reconnecting-link';
import { SerialPortTransport } from '../../../devices/serial/serial-port-transport';
import type { KioskConfig } from '../../../common/config/schema';
import { printerState } from '../devices/printer-service';
import { IppDocumentPrinter } from '../../../devices/document-printer/ipp-document-printer';
import { printerReadiness } from '../../../devices/document-printer/document-printer';
import { EMBEDDED_DOCUMENT_QUEUE } from '../devices/document-printer-service';

export interface ProbeResult {
  state: string;
  detail?: string;
}

const CONNECT_MS = 2000;

async function withLink<T>(link: { waitConnected(ms: number): Promise<void> }, run: () => Promise<T>): Promise<T | ProbeResult> {
  try {
    await link.waitConnected(CONNECT_MS);
  } catch (err) {
    return { state: 'disconnected', detail: (err as Error).message };
  }
  return run();
}

/** Asks each configured device how it is, when no kiosk holds its port (kioskctl diag). */
export async function probeIdCard(port: string, baudRate: number): Promise<ProbeResult> {
  const reader = new IdCardReader({ transportFactory: () => new SerialPortTransport({ path: port, baudRate }), reconnectMs: 60_000 });
  reader.connect();
  try {
    return await withLink(reader, async () => {
      try {
        await reader.samStatus();
        return { state: 'ready' };
      } catch (err) {
        return { state: 'error', detail: (err as Error).message };
      }
    });
  } finally {
    await reader.stop();
  }
}

export async function probePrinter(port: string, baudRate: number): Promise<ProbeResult> {
  const driver = new PrinterDriver({ link: new ReconnectingLink(() => new SerialPortTransport({ path: port, baudRate }), { retryMs: 60_000 }) });
  driver.start();
  try {
    return await withLink(driver, async () => {
      await driver.refreshStatus().catch(() => undefined);
      return printerState(driver.status);
    });
  } finally {
    await driver.stop();
  }
}

export async function probeSerialPort(port: string, baudRate: number): Promise<ProbeResult> {
  const transport = new SerialPortTransport({ path: port, baudRate });
  try {
    await transport.open();
    return { state: 'ready' };
  } catch (err) {
    return { state: 'disconnected', detail: (err as Error).message };
  } finally {
    await transport.close();
  }
}

export async function probeDevice(config: KioskConfig, device: 'idCard' | 'printer' | 'scanner'): Promise<ProbeResult> {
  const settings = config.devices[device];
  if (!settings.enabled) return { state: 'disabled' };
  if (!settings.port) {
    return config.production
      ? { state: 'not-configured', detail: 'no port set' }
      : { state: 'emulated', detail: 'the built-in emulator stands in while the kiosk runs' };
  }
  if (device === 'idCard') return probeIdCard(settings.port, settings.baudRate);
  if (device === 'printer') return probePrinter(settings.port, settings.baudRate);
  return probeSerialPort(settings.port, settings.baudRate);
}

/** The A4 printer through the print system, when one is configured (the embedded queue exists only while the kiosk runs). */
export async function probeDocumentPrinter(config: KioskConfig): Promise<ProbeResult & { target: string | null }> {
  const settings = config.devices.documentPrinter;
  if (!settings.enabled) return { state: 'disabled', target: null };
  const target = settings.printer;
  if (target === null) {
    return config.production
      ? { state: 'not-configured', detail: 'no A4 printer set (devices.documentPrinter.printer)', target }
      : { state: 'emulated', detail: `the embedded cups-pdf queue ${EMBEDDED_DOCUMENT_QUEUE} stands in while the kiosk runs`, target: EMBEDDED_DOCUMENT_QUEUE };
  }
  try {
    const readiness = printerReadiness(await new IppDocumentPrinter(target).status());
    return readiness.ready ? { state: 'ready', target } : { state: 'not-ready', detail: readiness.reasons.join(', '), target };
  } catch (err) {
    return { state: 'unreachable', detail: (err as Error).message, target };
  }
}
