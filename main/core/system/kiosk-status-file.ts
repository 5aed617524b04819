import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DeviceState } from './device-states';

/** DATA/run/status.json: written by a running kiosk (main/host/status-file.ts), read by kioskctl diag. */
export const STATUS_FILE = path.join('run', 'status.json');

export interface KioskStatusFile {
  pid: number;
  shell: string;
  updatedAt: string;
  startedAt: string;
  devices: (DeviceState & { port: string | null })[];
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The status of a kiosk running on dataDir, or null when none is (no file, stale, or its process is gone). */
export function readRunningStatus(dataDir: string, now = Date.now(), maxAgeMs = 15_000): KioskStatusFile | null {
  const file = path.join(dataDir, STATUS_FILE);
  if (!existsSync(file)) return null;
  try {
    const status = JSON.parse(readFileSync(file, 'utf8')) as KioskStatusFile;
    if (now - Date.parse(status.updatedAt) > maxAgeMs || !processAlive(status.pid)) return null;
    return status;
  } catch {
    return null;
  }
}
