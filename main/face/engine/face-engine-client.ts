import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AnalyzeOptions, AnalyzeResult, EngineErrorCode, EngineInfo, EngineRequest, FrameInput, WorkerOptions, WorkerReply } from './protocol';

export type FaceEngineErrorCode = EngineErrorCode | 'timeout' | 'worker-crashed' | 'closed';

export class FaceEngineError extends Error {
  constructor(
    readonly code: FaceEngineErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FaceEngineError';
  }
}

export interface WorkerEntry {
  file: string;
  /** Path of tsx's ESM API module: the worker loads a TypeScript entry through its tsImport. */
  tsxEsmApi?: string;
}

function startWorker(entry: WorkerEntry, workerData: WorkerOptions): Worker {
  if (!entry.tsxEsmApi) return new Worker(entry.file, { workerData });
  const entryUrl = JSON.stringify(pathToFileURL(entry.file).href);
  const bootstrap =
    `import(${JSON.stringify(pathToFileURL(entry.tsxEsmApi).href)})` +
    `.then((tsx) => tsx.tsImport(${entryUrl}, ${entryUrl}))` +
    `.catch((e) => { console.error(e); process.exit(1); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

function thisModuleFile(): string {
  try {
    return fileURLToPath(import.meta.url);
  } catch {
    // CommonJS bundle: import.meta is empty there.
    return typeof __filename === 'string' ? __filename : path.join(process.cwd(), 'index.js');
  }
}

/**
 * Where the worker entry is: next to this file when running from the TypeScript sources (loaded
 * through tsx), else `face/worker.js` of the bundle (tsup entry `dist/face/worker.js`).
 */
export function defaultWorkerEntry(moduleFile: string = thisModuleFile()): WorkerEntry {
  const dir = path.dirname(moduleFile);
  if (moduleFile.endsWith('.ts')) {
    // Node 20 does not apply `--import tsx` hooks to a worker's entry, so the worker registers
    // tsx itself first (see startWorker).
    return {
      file: path.join(dir, 'worker.ts'),
      tsxEsmApi: path.join(path.dirname(createRequire(moduleFile).resolve('tsx/package.json')), 'dist', 'esm', 'api', 'index.mjs'),
    };
  }
  const candidates = [path.join(dir, 'face', 'worker.js'), path.join(dir, '..', 'face', 'worker.js'), path.join(dir, 'worker.js')];
  const found = candidates.find((c) => existsSync(c) && c !== moduleFile);
  if (!found) throw new Error(`face worker entry not found (looked for ${candidates.join(', ')})`);
  return { file: found };
}

export interface FaceEngineClientOptions {
  entry?: WorkerEntry;
  worker?: WorkerOptions;
  /** Start-up (backend + models) time allowed, default 120 s. */
  startTimeoutMs?: number;
  /** Time allowed per request once started, default 30 s. */
  requestTimeoutMs?: number;
  /** Called when the worker died or was stopped after a timeout (diagnostics, logs). */
  onWorkerLost?: (reason: string) => void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
}

interface LiveWorker {
  worker: Worker;
  ready: Promise<EngineInfo>;
  /** Rejects `ready` if it has not settled (worker lost or closed while starting). */
  abandon(err: Error): void;
}

/**
 * The main-thread side of the face worker: typed requests with timeouts. A worker that crashes
 * or stops answering is terminated, its pending requests fail with `worker-crashed`/`timeout`,
 * and the next request starts a fresh one.
 */
export class FaceEngineClient {
  private live: LiveWorker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  private restarts = 0;

  constructor(private readonly options: FaceEngineClientOptions = {}) {}

  /** Starts the worker (if needed) and waits until the models are loaded. */
  async start(): Promise<EngineInfo> {
    return this.ensureWorker().ready;
  }

  get restartCount(): number {
    return this.restarts;
  }

  analyze(frame: FrameInput, options: AnalyzeOptions): Promise<AnalyzeResult> {
    return this.request<AnalyzeResult>({ type: 'analyze', frame, options });
  }

  info(): Promise<EngineInfo> {
    return this.request<EngineInfo>({ type: 'info' });
  }

  /** Makes the worker exit abruptly (only when started with `allowCrashRequest`). */
  crashForTest(): Promise<void> {
    return this.request<void>({ type: 'crash' });
  }

  async close(): Promise<void> {
    this.closed = true;
    const live = this.live;
    this.live = null;
    const closedError = new FaceEngineError('closed', 'the face engine was closed');
    this.failAll(closedError);
    if (live) {
      live.abandon(closedError);
      await live.worker.terminate();
    }
  }

  private async request<T>(request: EngineRequest): Promise<T> {
    if (this.closed) throw new FaceEngineError('closed', 'the face engine was closed');
    const live = this.ensureWorker();
    await live.ready;
    if (this.closed) throw new FaceEngineError('closed', 'the face engine was closed');
    if (this.live !== live) throw new FaceEngineError('worker-crashed', 'the face worker stopped while starting');
    const id = this.nextId++;
    const timeoutMs = this.options.requestTimeoutMs ?? 30_000;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new FaceEngineError('timeout', `the face worker did not answer a ${request.type} request within ${timeoutMs} ms`));
        this.drop(live, `request timeout after ${timeoutMs} ms`);
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      live.worker.postMessage({ id, request });
    });
  }

  private ensureWorker(): LiveWorker {
    if (this.closed) throw new FaceEngineError('closed', 'the face engine was closed');
    if (this.live) return this.live;
    const entry = this.options.entry ?? defaultWorkerEntry();
    const worker = startWorker(entry, this.options.worker ?? {});
    worker.unref();
    let settleReady: { resolve(info: EngineInfo): void; reject(err: Error): void } | null = null;
    const ready = new Promise<EngineInfo>((resolve, reject) => (settleReady = { resolve, reject }));
    ready.catch(() => undefined);
    const live: LiveWorker = { worker, ready, abandon: (err) => settleReady?.reject(err) };
    const startTimeoutMs = this.options.startTimeoutMs ?? 120_000;
    const startTimer = setTimeout(() => {
      settleReady?.reject(new FaceEngineError('timeout', `the face worker did not load its models within ${startTimeoutMs} ms`));
      this.drop(live, 'start timeout');
    }, startTimeoutMs);

    worker.on('message', (reply: WorkerReply) => {
      if (reply.id === 0 && 'ready' in reply) {
        clearTimeout(startTimer);
        if (reply.ready) {
          settleReady?.resolve(reply.info);
        } else {
          settleReady?.reject(new FaceEngineError(reply.error.code, `the face engine failed to start: ${reply.error.message}`));
          this.drop(live, 'start failure');
        }
        return;
      }
      const pending = this.pending.get(reply.id);
      if (!pending) return;
      this.pending.delete(reply.id);
      clearTimeout(pending.timer);
      if ('ok' in reply && reply.ok) pending.resolve(reply.result);
      else if ('error' in reply) pending.reject(new FaceEngineError(reply.error.code, reply.error.message));
    });
    const lost = (reason: string) => {
      clearTimeout(startTimer);
      if (this.live !== live) return;
      this.live = null;
      this.restarts++;
      settleReady?.reject(new FaceEngineError('worker-crashed', `the face worker stopped: ${reason}`));
      this.failAll(new FaceEngineError('worker-crashed', `the face worker stopped: ${reason}`));
      this.options.onWorkerLost?.(reason);
    };
    worker.on('error', (err) => lost(err.message));
    worker.on('exit', (code) => lost(`exit code ${code}`));
    this.live = live;
    return live;
  }

  private drop(live: LiveWorker, reason: string): void {
    if (this.live === live) {
      this.live = null;
      this.restarts++;
      this.failAll(new FaceEngineError('worker-crashed', `the face worker was stopped: ${reason}`));
      this.options.onWorkerLost?.(reason);
    }
    void live.worker.terminate();
  }

  private failAll(err: Error): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(err);
      this.pending.delete(id);
    }
  }
}
