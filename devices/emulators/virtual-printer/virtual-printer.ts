import { EventEmitter } from 'node:events';
import { mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import path from 'node:path';
import type net from 'node:net';
import { PtyPair } from '../pty-pair';
import { SerialPortTransport } from '../../serial/serial-port-transport';
import { EscPosDecoder, type DecodedEvent } from './escpos-decoder';
import { JobTranscript, type PrintedJob } from './job-transcript';
import { statusReplies, type VirtualPrinterStatus } from './status-replies';
import { listenControl } from './control-socket';

export interface VirtualPrinterOptions {
  /** The path the driver opens, like /dev/ttyUSB0. */
  linkPath: string;
  /** Each job is written here as job-NNNN.txt (transcript) and job-NNNN.json. */
  outDir: string;
  status?: VirtualPrinterStatus;
  /** Double-byte encoding of the emulated font. */
  encoding?: 'gb18030' | 'big5';
  /** A job without a cut ends after this long without bytes (ms). */
  jobIdleMs?: number;
  /** Listen for control messages on `${linkPath}.ctl` (default true). */
  controlSocket?: boolean;
}

export interface SavedJob extends PrintedJob {
  file: string;
}

/**
 * An ESC/POS printer on a pty pair: answers `DLE EOT n` per its status (offline = silence),
 * decodes every job and writes it to `outDir`, one file per job (a cut ends a job).
 *
 * Events: 'job' (SavedJob), 'status-request' (n), 'status' (VirtualPrinterStatus).
 */
export class VirtualPrinter extends EventEmitter {
  private readonly pty: PtyPair;
  private transport: SerialPortTransport | null = null;
  private decoder: EscPosDecoder | null = null;
  private control: net.Server | null = null;
  private current = new JobTranscript();
  private idleTimer: NodeJS.Timeout | null = null;
  private nextJobNumber = 1;
  private _status: VirtualPrinterStatus;
  private _jobBytes = 0;
  /** Jobs printed since start: counted, not kept (a demo kiosk prints for days; each job is in outDir and on 'job'). */
  private printedJobs = 0;

  constructor(private readonly options: VirtualPrinterOptions) {
    super();
    this.pty = new PtyPair(options.linkPath);
    this._status = options.status ?? 'ok';
  }

  get status(): VirtualPrinterStatus {
    return this._status;
  }

  get linkPath(): string {
    return this.options.linkPath;
  }

  get controlPath(): string {
    return `${this.options.linkPath}.ctl`;
  }

  /** Bytes received that were not real-time status requests: any job byte counts. */
  get jobBytesReceived(): number {
    return this._jobBytes;
  }

  get jobCount(): number {
    return this.printedJobs;
  }

  setStatus(status: VirtualPrinterStatus): void {
    this._status = status;
    this.emit('status', status);
  }

  async start(): Promise<void> {
    mkdirSync(this.options.outDir, { recursive: true, mode: 0o700 }); // printed slips hold citizens' data: owner only
    this.nextJobNumber = Math.max(this.nextJobNumber, nextFreeJobNumber(this.options.outDir));
    await this.pty.open();
    try {
      const transport = new SerialPortTransport({ path: this.pty.devicePath, baudRate: 115200 });
      await transport.open();
      this.transport = transport;
      const decoder = new EscPosDecoder(this.options.encoding ?? 'gb18030');
      this.decoder = decoder;
      decoder.on('data', (e: DecodedEvent) => this.onEvent(e));
      transport.on('data', (chunk: Buffer) => decoder.write(chunk));
      if (this.options.controlSocket ?? true) this.control = await listenControl(this.controlPath, this);
    } catch (err) {
      await this.stop(); // leave no socat or port behind
      throw err;
    }
  }

  async stop(): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (!this.current.isEmpty) this.endJob();
    const control = this.control;
    this.control = null;
    if (control) {
      await new Promise<void>((resolve) => control.close(() => resolve()));
      await unlink(this.controlPath).catch(() => undefined);
    }
    this.decoder?.removeAllListeners();
    this.decoder = null;
    const transport = this.transport;
    this.transport = null;
    if (transport) {
      transport.removeAllListeners();
      await transport.close().catch(() => undefined);
    }
    await this.pty.close();
  }

  /** Resolves with the next job written to outDir (or rejects after timeoutMs). */
  waitForJob(timeoutMs: number): Promise<SavedJob> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.off('job', onJob);
        reject(new Error(`no job printed in ${timeoutMs} ms`));
      }, timeoutMs);
      const onJob = (job: SavedJob) => {
        clearTimeout(timer);
        resolve(job);
      };
      this.once('job', onJob);
    });
  }

  private onEvent(e: DecodedEvent): void {
    if (e.type === 'status-request') {
      this.emit('status-request', e.n);
      const replies = statusReplies(this._status);
      if (replies) void this.transport?.write(Buffer.from([replies[e.n - 1]!])).catch(() => undefined);
      return;
    }
    this._jobBytes += e.byteCount;
    this.current.bytes += e.byteCount;
    this.current.add(e);
    if (e.type === 'cut') {
      this.endJob();
      return;
    }
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (!this.current.isEmpty) this.endJob();
    }, this.options.jobIdleMs ?? 2000);
    this.idleTimer.unref();
  }

  private endJob(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const job = this.current.finish();
    this.current = new JobTranscript();
    const base = path.join(this.options.outDir, `job-${String(this.nextJobNumber++).padStart(4, '0')}`);
    // The .txt appears last and whole (rename), so whoever waits for it can read both files.
    writeFileSync(`${base}.json`, JSON.stringify({ ...job, transcript: undefined }, null, 2) + '\n', { mode: 0o600 });
    writeFileSync(`${base}.txt.part`, job.transcript, { mode: 0o600 });
    renameSync(`${base}.txt.part`, `${base}.txt`);
    const saved: SavedJob = { ...job, file: `${base}.txt` };
    this.printedJobs++;
    this.emit('job', saved);
  }
}

function nextFreeJobNumber(dir: string): number {
  let max = 0;
  for (const f of readdirSync(dir)) {
    const m = /^job-(\d+)\.txt$/.exec(f);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max + 1;
}
