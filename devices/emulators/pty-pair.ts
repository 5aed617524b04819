import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';

/**
 * A pseudo-terminal pair made by socat: `linkPath` is the end a driver opens (as it would open
 * /dev/ttyUSB0); `devicePath` is the end the emulator itself reads and writes.
 * Closing the pair makes `linkPath` vanish, exactly like a USB device being unplugged.
 */
export class PtyPair {
  private proc: ChildProcess | null = null;

  constructor(
    readonly linkPath: string,
    readonly devicePath: string = `${linkPath}.device`,
  ) {}

  get isOpen(): boolean {
    return this.proc !== null && this.proc.exitCode === null;
  }

  async open(timeoutMs = 5000): Promise<void> {
    if (this.isOpen) return;
    const proc = spawn('socat', [`PTY,link=${this.linkPath},raw,echo=0`, `PTY,link=${this.devicePath},raw,echo=0`], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    proc.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const spawnError = new Promise<never>((_, reject) => {
      proc.once('error', (err) =>
        reject(new Error((err as NodeJS.ErrnoException).code === 'ENOENT' ? 'socat is not installed (apt-get install socat)' : `socat failed: ${err.message}`)),
      );
    });
    this.proc = proc;
    const deadline = Date.now() + timeoutMs;
    const ready = (async () => {
      while (!(existsSync(this.linkPath) && existsSync(this.devicePath))) {
        if (proc.exitCode !== null) throw new Error(`socat exited: ${stderr.trim() || proc.exitCode}`);
        if (Date.now() > deadline) throw new Error(`socat did not create ${this.linkPath} in ${timeoutMs} ms`);
        await delay(10);
      }
    })();
    await Promise.race([ready, spawnError]);
  }

  async close(): Promise<void> {
    const proc = this.proc;
    this.proc = null;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    await Promise.race([exited, delay(2000).then(() => proc.kill('SIGKILL'))]);
    // socat removes its links on exit; wait until they are gone so a reopen is clean.
    for (let i = 0; i < 200 && (existsSync(this.linkPath) || existsSync(this.devicePath)); i++) await delay(10);
  }
}
