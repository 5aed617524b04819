import type net from 'node:net';
import { listenJsonLines, requestJsonLine } from '../json-line-socket';
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
  return handleControlMessage(msg, target);
}

export function handleControlMessage(msg: unknown, target: ControlTarget): ControlReply {
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

export function listenControl(path: string, target: ControlTarget): Promise<net.Server> {
  return listenJsonLines(path, (message) => handleControlMessage(message, target));
}

/** Sends one control message to a running virtual printer and returns its reply. */
export async function sendControl(path: string, message: object, timeoutMs = 5000): Promise<ControlReply> {
  try {
    return await requestJsonLine<ControlReply>(path, message, timeoutMs);
  } catch (err) {
    throw new Error(`virtual printer: ${(err as Error).message}`);
  }
}
