import { RE2JS } from 're2js';

/**
 * Regular expressions that come from outside the terminal (catalog field patterns, settings such
 * as `services.appointmentCodePattern`, whatever the hub pushes) run here, on RE2 (re2js), whose
 * matching time grows linearly with the input: `^(a+)+$` cannot stall the kiosk on a citizen's
 * input as it does on a backtracking engine.
 *
 * They are written in JavaScript syntax (as they always were, with the `u` flag), checked as such,
 * and then translated where RE2 spells the same thing differently (`\u4e00` → `\x{4e00}`,
 * `\p{Script=Han}` → `\p{Han}`). What RE2 cannot do by design (lookaround, backreferences) is
 * refused with the reason.
 *
 * Known differences left: `\s` is ASCII whitespace only and `.` also matches `\r`, `\u2028`, `\u2029`.
 */

export const MAX_PATTERN_LENGTH = 1000;

export interface SafePattern {
  readonly source: string;
  /** Somewhere in the value, as `RegExp.prototype.test`. */
  test(value: string): boolean;
  /** The whole value, as HTML's `pattern` attribute (`a|b` does not take `ab`). */
  matchesWhole(value: string): boolean;
}

/**
 * `syntax`: not a regular expression at all (JavaScript refuses it too); `unsupported`: a valid
 * JavaScript pattern that needs a backtracking engine; `too-long`: over MAX_PATTERN_LENGTH.
 */
export type PatternProblemKind = 'syntax' | 'unsupported' | 'too-long';

export type SafePatternCompilation = { ok: true; pattern: SafePattern } | { ok: false; kind: PatternProblemKind; reason: string };

export function compileSafePattern(source: string): SafePatternCompilation {
  if (source.length > MAX_PATTERN_LENGTH) return { ok: false, kind: 'too-long', reason: `is longer than ${MAX_PATTERN_LENGTH} characters` };
  try {
    new RegExp(source, 'u'); // compiled only, never run: the syntax check
  } catch (err) {
    return { ok: false, kind: 'syntax', reason: (err as Error).message };
  }
  const needsBacktracking = backtrackingFeature(source);
  if (needsBacktracking) {
    return { ok: false, kind: 'unsupported', reason: `uses ${needsBacktracking}, which the terminal's linear-time pattern engine (RE2) does not support` };
  }
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(toRe2Syntax(source));
  } catch (err) {
    return { ok: false, kind: 'unsupported', reason: `cannot run on the terminal's linear-time pattern engine (RE2): ${(err as Error).message}` };
  }
  return {
    ok: true,
    pattern: {
      source,
      test: (value) => compiled.test(value),
      matchesWhole: (value) => compiled.testExact(value),
    },
  };
}

/** Why a pattern cannot be used (for schemas: the reason completes "the pattern …"), or null. */
export function safePatternProblem(source: string): { kind: PatternProblemKind; reason: string } | null {
  const compiled = compileSafePattern(source);
  return compiled.ok ? null : { kind: compiled.kind, reason: compiled.reason };
}

/**
 * Walks a JavaScript pattern token by token: `visit` gets each escape (`\x…`) or character with
 * whether it stands inside a character class.
 */
function walk(source: string, visit: (token: string, at: number, inClass: boolean) => void): void {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      visit(c + (source[i + 1] ?? ''), i, inClass);
      i++;
      continue;
    }
    visit(c, i, inClass);
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
  }
}

/** The first feature of a (valid JavaScript) pattern that only a backtracking engine can run. */
function backtrackingFeature(source: string): string | null {
  let found: string | null = null;
  walk(source, (token, at, inClass) => {
    if (found || inClass) return;
    if (/^\\[1-9]$/.test(token)) found = `a backreference (${token})`;
    else if (token === '\\k') found = 'a named backreference (\\k<…>)';
    else if (token === '(' && (source.startsWith('(?=', at) || source.startsWith('(?!', at))) found = 'lookahead ((?= or (?!)';
    else if (token === '(' && (source.startsWith('(?<=', at) || source.startsWith('(?<!', at))) found = 'lookbehind ((?<= or (?<!)';
  });
  return found;
}

/** The same pattern in RE2's spelling, for what the two write differently. */
function toRe2Syntax(source: string): string {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = source[i + 1];
    if (next === 'u' && source[i + 2] === '{') {
      const end = source.indexOf('}', i + 3);
      out += `\\x{${source.slice(i + 3, end)}}`;
      i = end;
    } else if (next === 'u') {
      let codePoint = parseInt(source.slice(i + 2, i + 6), 16);
      i += 5;
      const low = /^\\u(d[c-f][0-9a-f]{2})/i.exec(source.slice(i + 1));
      if (codePoint >= 0xd800 && codePoint <= 0xdbff && low) {
        codePoint = 0x10000 + ((codePoint - 0xd800) << 10) + (parseInt(low[1]!, 16) - 0xdc00);
        i += 6;
      }
      out += `\\x{${codePoint.toString(16)}}`;
    } else if ((next === 'p' || next === 'P') && source[i + 2] === '{') {
      const end = source.indexOf('}', i + 3);
      out += `\\${next}{${source.slice(i + 3, end).replace(/^(Script|sc|General_Category|gc)=/, '')}}`;
      i = end;
    } else {
      out += c + (next ?? '');
      i++;
    }
  }
  return out;
}
