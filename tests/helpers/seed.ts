import { randomInt } from 'node:crypto';

/**
 * A test's random seed: the environment variable `envName` when set, else a fresh one. Printed
 * either way, so that a failing run can be replayed with `envName=<seed> npx vitest run <file>`.
 */
export function testSeed(envName: string): number {
  const raw = process.env[envName];
  let seed: number;
  if (raw !== undefined && raw !== '') {
    if (!/^\d{1,10}$/.test(raw) || Number(raw) > 0xffffffff) throw new Error(`${envName} must be a whole number from 0 to 4294967295, not "${raw}"`);
    seed = Number(raw);
  } else {
    seed = randomInt(0, 0xffffffff);
  }
  console.log(`${envName}=${seed} (set it to replay this run)`);
  return seed;
}
