import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { StaticKeyProvider } from '../../base/key-provider';
import { Outbox, type OutboxOptions } from '../../offline-queue/outbox';

export function tempDir(prefix = 'outbox-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export class ManualClock {
  constructor(public t = Date.parse('2026-11-21T10:00:00Z')) {}
  now = () => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

export function openTestOutbox(dir: string, options: Partial<OutboxOptions> = {}): Outbox {
  return Outbox.open(path.join(dir, 'outbox.db'), { keyProvider: new StaticKeyProvider(randomBytes(32)), ...options });
}
