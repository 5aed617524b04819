import type { Logger } from 'pino';
import type { z } from 'zod';
import { answerIssuesText, readAnswer } from '../common/hub-protocol/read-answer';
import type { HubResponse } from './hub-client';

/** Every outcome of a hub call but a readable 200. */
export type NoAnswer = Exclude<HubResponse, { kind: 'ok' }>;
export interface Answer<T> {
  kind: 'answer';
  status: number;
  value: T;
}

/**
 * A hub call's 200 read with its protocol schema (common/hub-protocol/answers.ts). A body that
 * does not fit (null, empty, wrong types, missing fields, extra nesting) becomes a `bad-response`,
 * which every caller already treats as the hub being unavailable (lease, retry, cached data); the
 * paths at fault, never the values, are logged for the technician. Other outcomes pass unchanged.
 */
export function readHubAnswer<S extends z.ZodType>(r: HubResponse, schema: S, call: string, logger?: Pick<Logger, 'warn'>): Answer<z.output<S>> | NoAnswer {
  if (r.kind !== 'ok') return r;
  const read = readAnswer(schema, r.body);
  if (read.ok) return { kind: 'answer', status: r.status, value: read.value };
  logger?.warn({ call, status: r.status, issues: read.issues }, `the hub's answer to ${call} does not fit the protocol; treated as the hub being unavailable`);
  return { kind: 'bad-response', status: r.status, message: `answer to ${call} does not fit the protocol: ${answerIssuesText(read.issues)}` };
}
