// The benchmark's stand-in for renderer/src/input/handwriting.worker.ts: the same matcher over the
// same templates file, in a worker thread, one answer per request.
import { parentPort } from 'node:worker_threads';
import { decodeHandwriting, encodeHandwriting } from '../common/chinese-input/handwriting-file';
import { HandwritingMatcher, type Stroke } from '../common/chinese-input/handwriting-matcher';
import { handwritingTemplates } from '../scripts/build-chinese-input-data';

const matcher = new HandwritingMatcher(decodeHandwriting(encodeHandwriting(handwritingTemplates())));
parentPort!.on('message', ({ id, strokes }: { id: number; strokes: Stroke[] }) => parentPort!.postMessage({ id, candidates: matcher.match(strokes, 16) }));
parentPort!.postMessage('ready');
