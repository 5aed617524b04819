import net from 'node:net';
import { existsSync, unlinkSync } from 'node:fs';
import { isVirtualPrinterStatus, VIRTUAL_PRINTER_STATUSES, type VirtualPrinterStatus } from './status-replies';

/**
 * JSON-lines control of a running virtual printer over a unix socket (`LINK.ctl`), for the demo
 * panel and tests:
 *   {"status":"paper-end"}  → {"ok":true,"status":"paper-end"}
 *   {"get":"state"}         → {"ok":true,"status":"ok","jobs":2,"jobBytes":431}
 * Anything else           → {"ok":false,"error":"..."}
 */
export interface ControlTarget {
  readonly status: VirtualPrinterStatus;
  readonly jobCount: number;
  readonly jobBytesReceived: number;
  setStatus(status: VirtualPrinterStatus): void;
}

export type ControlReply = { ok: true; status: VirtualPrinterStatus; jobs?: number; jobBytes?: number } | { ok: false; error: string };

export function handleControlLine(line: string, target: ControlTarget): ControlReply {
  let msg: unknown;
  try {
    msg = JSON.parse(line);
  } catch {
    return { ok: false, error: 'not JSON: send one JSON object per line' };
  }
  if (typeof msg !== 'object' || msg === null) return { ok: false, error: 'expected a JSON object' };
  const m = msg as Record<string, unknown>;
  if ('status' in m) {
    if (typeof m.status !== 'string' || !isVirtualPrinterStatus(m.status)) {
      return { ok: false, error: `status must be one of ${VIRTUAL_PRINTER_STATUSES.join(', ')}` };
    }
    target.setStatus(m.status);
    return { ok: true, status: target.status };
  }
  if (m.get === 'state') return { ok: true, status: target.status, jobs: target.jobCount, jobBytes: target.jobBytesReceived };
  return { ok: false, error: 'expected {"status": NAME} or {"get": "state"}' };
}

export async function listenControl(path: string, target: ControlTarget): Promise<net.Server> {
  if (existsSync(path)) unlinkSync(path); // a stale socket left by a killed emulator
  const server = net.createServer((socket) => {
    let buf = '';
    socket.setEncoding('utf8');
    socket.on('error', () => undefined);
    socket.on('data', (d: string) => {
      buf += d;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (line) socket.write(JSON.stringify(handleControlLine(line, target)) + '\n');
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return server;
}

/** Sends one control message to a running virtual printer and returns its reply. */
export function sendControl(path: string, message: object, timeoutMs = 5000): Promise<ControlReply> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(path);
    let buf = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`virtual printer control socket ${path} did not reply in ${timeoutMs} ms`));
    }, timeoutMs);
    socket.setEncoding('utf8');
    socket.on('connect', () => socket.write(JSON.stringify(message) + '\n'));
    socket.on('data', (d: string) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      socket.end();
      resolve(JSON.parse(buf.slice(0, nl)) as ControlReply);
    });
    socket.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot reach the virtual printer at ${path}: ${err.message}`));
    });
  });
}
