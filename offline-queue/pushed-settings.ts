import { validateConfig, type ConfigIssue, type KioskConfig } from '../common/config/schema';

/** Settings the hub may not push: changing them remotely could cut the terminal off its hub. */
const LOCAL_ONLY = [
  ['hub', 'the hub connection is set on the terminal only'],
  ['terminal.id', 'the terminal id is set on the terminal only'],
] as const;

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isObject(v) && isObject(base[k]) ? deepMerge(base[k] as Record<string, unknown>, v) : v;
  return out;
}

/**
 * The configuration that results from laying pushed settings over the one in force, validated
 * with the terminal's own schema (common/config/schema.ts). Returns the issues when refused.
 */
export function mergePushedSettings(
  current: KioskConfig,
  settings: Record<string, unknown>,
): { ok: true; config: KioskConfig } | { ok: false; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  if ('hub' in settings) issues.push({ path: 'hub', message: LOCAL_ONLY[0][1] });
  if (isObject(settings.terminal) && 'id' in settings.terminal) issues.push({ path: 'terminal.id', message: LOCAL_ONLY[1][1] });
  if (issues.length > 0) return { ok: false, issues };
  const result = validateConfig(deepMerge(current as unknown as Record<string, unknown>, settings));
  return result.ok ? { ok: true, config: result.config } : { ok: false, issues: result.issues };
}
