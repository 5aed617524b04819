import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export interface PrintedSlip {
  /** The virtual printer's job name (job-NNNN). */
  job: string;
  printedAt: string;
  text: string;
}

const JOB_TEXT = /^(job-\d+)\.txt$/;

/**
 * The last `limit` jobs the virtual printer wrote to `dir` (job-NNNN.txt, numbered in print order),
 * newest first. The .txt appears whole (the printer renames it into place), so a listed file is complete.
 */
export function readPrintedSlips(dir: string, limit: number): PrintedSlip[] {
  if (!existsSync(dir)) return [];
  const jobs = readdirSync(dir)
    .map((f) => JOB_TEXT.exec(f)?.[1])
    .filter((j): j is string => j !== undefined)
    .sort((a, b) => jobNumber(b) - jobNumber(a))
    .slice(0, limit);
  return jobs.map((job) => {
    const file = path.join(dir, `${job}.txt`);
    return { job, printedAt: statSync(file).mtime.toISOString(), text: readFileSync(file, 'utf8') };
  });
}

function jobNumber(job: string): number {
  return Number(job.slice('job-'.length));
}
