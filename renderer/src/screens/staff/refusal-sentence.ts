import type { RpcErrorPayload } from '../../../../common/rpc/errors';
import { labelKey, SETTING_FIELDS } from './settings-fields';

type RefusedIssue = NonNullable<RpcErrorPayload['issues']>[number];
type Translate = (key: string, options?: Record<string, unknown>) => string;

const SENTENCE_OF_RULE = {
  'time-zone': 'refusal.timeZone',
  'http-url': 'refusal.httpUrl',
  'printer-target': 'refusal.printerTarget',
  'safe-pattern': 'refusal.safePattern',
  'demo-operator': 'refusal.demoOperator',
  format: 'refusal.format',
  'whole-number': 'refusal.wholeNumber',
  number: 'refusal.number',
  text: 'refusal.text',
  'one-of': 'refusal.oneOf',
  other: 'refusal.other',
} as const;

/**
 * The sentence staff read under a refused setting, in their language: the field's label, what they
 * entered and what the field takes (the core says which rule was broken; its English message is for
 * logs). A secret is never repeated.
 */
export function refusalSentence(issue: RefusedIssue, entered: unknown, t: Translate): string {
  const field = SETTING_FIELDS.find((f) => f.path === issue.path);
  const label = field ? t(labelKey(field.path)) : issue.path;
  const value = field?.kind === 'secret' ? '●●●' : String(entered ?? '');
  const rule = issue.rule ?? { kind: 'other' as const };
  const vars = { field: label, value };
  if (rule.kind === 'at-least' || rule.kind === 'at-most') {
    const bound = rule.kind === 'at-least' ? 'atLeast' : 'atMost';
    return t(`refusal.${bound}.${rule.of ?? 'value'}`, { ...vars, limit: rule.limit });
  }
  if (rule.kind === 'one-of') return t(SENTENCE_OF_RULE['one-of'], { ...vars, options: (rule.options ?? []).join(' / ') });
  return t(SENTENCE_OF_RULE[rule.kind], vars);
}
