// Entry of the face worker thread (bundled as dist/face/worker.js). One FaceEngine per worker;
// requests are answered one at a time, in order.
import { parentPort, workerData } from 'node:worker_threads';
import { PackageImageDecoder } from '../image/image-decoder';
import { FaceEngine, FrameError } from './face-engine';
import type { EngineRequest, WorkerOptions, WorkerReply } from './protocol';

const port = parentPort;
if (!port) throw new Error('main/face/engine/worker must run as a worker thread');
const options = (workerData ?? {}) as WorkerOptions;

function post(reply: WorkerReply, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(reply, transfer);
}

async function main(): Promise<void> {
  let engine: FaceEngine;
  try {
    engine = await FaceEngine.create(new PackageImageDecoder(), { backend: options.backend });
  } catch (err) {
    post({ id: 0, ready: false, error: { code: 'engine-failed', message: (err as Error).message } });
    return;
  }
  post({ id: 0, ready: true, info: engine.info() });

  let queue = Promise.resolve();
  port!.on('message', (message: { id: number; request: EngineRequest }) => {
    queue = queue.then(() => handle(engine, message.id, message.request));
  });
}

async function handle(engine: FaceEngine, id: number, request: EngineRequest): Promise<void> {
  try {
    switch (request?.type) {
      case 'analyze': {
        const result = await engine.analyze(request.frame, request.options);
        const transfer = result.faces.flatMap((f) => (f.descriptor ? [f.descriptor.buffer as ArrayBuffer] : []));
        post({ id, ok: true, result }, transfer);
        return;
      }
      case 'info':
        post({ id, ok: true, result: engine.info() });
        return;
      case 'crash':
        if (options.allowCrashRequest) process.exit(70);
        post({ id, ok: false, error: { code: 'invalid-request', message: 'crash requests are disabled' } });
        return;
      default:
        post({ id, ok: false, error: { code: 'invalid-request', message: `unknown request type ${String((request as { type?: unknown })?.type)}` } });
    }
  } catch (err) {
    const code = err instanceof FrameError ? err.code : 'engine-failed';
    post({ id, ok: false, error: { code, message: (err as Error).message } });
  }
}

void main();
