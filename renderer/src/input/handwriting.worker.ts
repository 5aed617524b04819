/// <reference lib="webworker" />
// The handwriting matcher off the UI thread: templates decoded once, then one answer per request.
import { base64ToBytes, decodeHandwriting } from '../../../common/chinese-input/handwriting-file';
import { HandwritingMatcher, type Stroke } from '../../../common/chinese-input/handwriting-matcher';

export interface HandwritingRequest {
  id: number;
  strokes: Stroke[];
  limit: number;
}
export interface HandwritingAnswer {
  id: number;
  candidates: string[];
}

let matcher: Promise<HandwritingMatcher> | null = null;
const loadMatcher = () =>
  (matcher ??= import('virtual:chinese-input/handwriting').then(({ default: base64 }) => new HandwritingMatcher(decodeHandwriting(base64ToBytes(base64)))));

self.onmessage = async (event: MessageEvent<HandwritingRequest>) => {
  const { id, strokes, limit } = event.data;
  const answer: HandwritingAnswer = { id, candidates: (await loadMatcher()).match(strokes, limit) };
  self.postMessage(answer);
};
