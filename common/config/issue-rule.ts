import type { z } from 'zod';

/**
 * What a refused setting broke, without words: the staff screen turns it into a sentence in the
 * staff's language (renderer/src/screens/staff/refusal-sentence.ts) naming the field, and the
 * value staff entered. The issue's `message` stays the schema's English, for logs and kioskctl.
 */
export const ISSUE_RULE_KINDS = [
  'time-zone',
  'http-url',
  'printer-target',
  'safe-pattern',
  'demo-operator',
  'format',
  'at-least',
  'at-most',
  'whole-number',
  'number',
  'text',
  'one-of',
  'other',
] as const;
export type IssueRuleKind = (typeof ISSUE_RULE_KINDS)[number];

export interface IssueRule {
  kind: IssueRuleKind;
  /** at-least / at-most: the bound; `of` says whether it bounds the value, its length or its items. */
  limit?: number;
  of?: 'value' | 'length' | 'items';
  /** one-of: the values allowed. */
  options?: string[];
}

/** A schema refinement names its rule so: `.refine(check, { message, params: { rule: 'time-zone' } })`. */
const namedRule = (params: unknown): IssueRuleKind | null => {
  const rule = (params as { rule?: unknown } | undefined)?.rule;
  return typeof rule === 'string' && (ISSUE_RULE_KINDS as readonly string[]).includes(rule) ? (rule as IssueRuleKind) : null;
};

const boundOf = (origin: unknown): IssueRule['of'] => (origin === 'string' ? 'length' : origin === 'array' || origin === 'set' ? 'items' : 'value');

export function issueRuleOf(issue: z.core.$ZodIssue): IssueRule {
  switch (issue.code) {
    case 'custom':
      return { kind: namedRule(issue.params) ?? 'other' };
    case 'too_small':
      return { kind: 'at-least', limit: Number(issue.minimum), of: boundOf(issue.origin) };
    case 'too_big':
      return { kind: 'at-most', limit: Number(issue.maximum), of: boundOf(issue.origin) };
    case 'invalid_type':
      if (issue.expected === 'int') return { kind: 'whole-number' };
      if (issue.expected === 'number') return { kind: 'number' };
      if (issue.expected === 'string') return { kind: 'text' };
      return { kind: 'other' };
    case 'invalid_value':
      return { kind: 'one-of', options: issue.values.map(String) };
    case 'invalid_union':
      // A union of literals (the baud rates): each branch says which value it wanted.
      return unionOptions(issue.errors);
    case 'invalid_format':
      return { kind: 'format' };
    default:
      return { kind: 'other' };
  }
}

function unionOptions(branches: z.core.$ZodIssue[][]): IssueRule {
  const options: string[] = [];
  for (const branch of branches) {
    const only = branch.length === 1 ? branch[0] : undefined;
    if (only?.code !== 'invalid_value') return { kind: 'other' };
    options.push(...only.values.map(String));
  }
  return options.length > 0 ? { kind: 'one-of', options } : { kind: 'other' };
}
