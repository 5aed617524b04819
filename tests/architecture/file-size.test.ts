import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../testing/repo-root';

const LIMIT = 300;
const REASON = /^\/\/ Over 300 lines: \S/;

/** Every TypeScript source in git (product, tests, benchmarks), with its line count and first line. */
function sources(): { file: string; lines: number; first: string }[] {
  const files = execFileSync('git', ['ls-files', '*.ts', '*.tsx'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
  return files.map((file) => {
    const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
    const lines = text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
    return { file, lines, first: text.slice(0, text.indexOf('\n')) };
  });
}

describe('file size', () => {
  it(`no source file is over ${LIMIT} lines without a one-line reason at its top ("// Over 300 lines: …")`, () => {
    const all = sources();
    expect(all.length).toBeGreaterThan(300);
    const unexplained = all.filter((s) => s.lines > LIMIT && !REASON.test(s.first)).map((s) => `${s.file} (${s.lines} lines)`);
    expect(unexplained).toEqual([]);
  });
});
