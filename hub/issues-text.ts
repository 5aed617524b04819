import type { z } from 'zod';

/** A zod error as one line for a 400 reply: each issue's path and message. */
export function issuesText(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('; ');
}
