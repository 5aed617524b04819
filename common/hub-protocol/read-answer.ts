import type { z } from 'zod';
import { formatIssuePath } from '../config/schema';

/** Where a hub answer fails its schema: the path and what was expected there, never the value found. */
export interface AnswerIssue {
  path: string;
  problem: string;
}

export type AnswerReading<T> = { ok: true; value: T } | { ok: false; issues: AnswerIssue[] };

/** The most issues kept per answer: a wholly wrong list would otherwise fill the log. */
export const MAX_ANSWER_ISSUES = 10;

/**
 * Parses a hub answer with its schema. zod's messages name the expected type or options and the
 * type received, not the value, so the issues can be logged even when the answer held personal data.
 */
export function readAnswer<S extends z.ZodType>(schema: S, body: unknown): AnswerReading<z.output<S>> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.slice(0, MAX_ANSWER_ISSUES).map((i) => ({ path: formatIssuePath(i.path), problem: i.message })),
  };
}

export function answerIssuesText(issues: readonly AnswerIssue[]): string {
  return issues.map((i) => `${i.path}: ${i.problem}`).join('; ');
}
