import type { ConfigIssue } from './schema';

/** A configuration refused by the schema: the file it came from, when any, and each field at fault. */
export class ConfigValidationError extends Error {
  constructor(
    readonly file: string | null,
    readonly issues: ConfigIssue[],
  ) {
    super(`invalid configuration${file ? ` in ${file}` : ''}: ` + issues.map((i) => `${i.path}: ${i.message}`).join('; '));
    this.name = 'ConfigValidationError';
  }
}
