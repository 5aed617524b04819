import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../../../base/atomic-write';

const SCRYPT: Required<Pick<ScryptOptions, 'N' | 'r' | 'p'>> = { N: 1 << 15, r: 8, p: 1 };
const KEY_BYTES = 32;

const fileSchema = z.object({
  version: z.literal(1),
  pin: z
    .object({
      N: z.number().int(),
      r: z.number().int(),
      p: z.number().int(),
      salt: z.string(),
      hash: z.string(),
    })
    .nullable(),
  failures: z.number().int().min(0),
  lockedUntil: z.number().nullable(),
});
export type PinFile = z.infer<typeof fileSchema>;

function derive(pin: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, KEY_BYTES, { ...params, maxmem: 128 * params.N * params.r * 2 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/**
 * The staff PIN as an scrypt hash, with the failure count and lock-out, in `staff.json` (0600).
 * Failures and the lock-out survive a restart, so pulling the plug does not reset them.
 */
export class PinStore {
  private state: PinFile;

  constructor(private readonly file: string) {
    this.state = this.read();
  }

  private read(): PinFile {
    if (!existsSync(this.file)) return { version: 1, pin: null, failures: 0, lockedUntil: null };
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
    if (!parsed.success) throw new Error(`${this.file} is not a valid staff PIN file`);
    return parsed.data;
  }

  private write(): void {
    writeFileAtomic(this.file, JSON.stringify(this.state) + '\n', 0o600);
  }

  get pinSet(): boolean {
    return this.state.pin !== null;
  }

  get failures(): number {
    return this.state.failures;
  }

  get lockedUntil(): number | null {
    return this.state.lockedUntil;
  }

  async setPin(pin: string): Promise<void> {
    const salt = randomBytes(16);
    const hash = await derive(pin, salt, SCRYPT);
    this.state = { ...this.state, pin: { ...SCRYPT, salt: salt.toString('base64'), hash: hash.toString('base64') } };
    this.write();
  }

  async matches(pin: string): Promise<boolean> {
    const stored = this.state.pin;
    if (!stored) return false;
    const expected = Buffer.from(stored.hash, 'base64');
    const actual = await derive(pin, Buffer.from(stored.salt, 'base64'), stored);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }

  recordFailure(lockAfter: number, lockUntil: number): void {
    const failures = this.state.failures + 1;
    this.state = failures >= lockAfter ? { ...this.state, failures: 0, lockedUntil: lockUntil } : { ...this.state, failures };
    this.write();
  }

  clearFailures(): void {
    if (this.state.failures === 0 && this.state.lockedUntil === null) return;
    this.state = { ...this.state, failures: 0, lockedUntil: null };
    this.write();
  }
}
