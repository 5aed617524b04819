import { createHmac, hkdfSync } from 'node:crypto';
import type { KeyProvider } from '../../../base/key-provider';

/**
 * Pseudonymous subject ids: HMAC-SHA256 of the ID number under a key derived from the terminal's
 * data key, so one citizen always gets the same id on this terminal (and on terminals sharing the
 * key) while the id alone reveals nothing about the ID number.
 */
export class SubjectIdDeriver {
  private key: Buffer | null = null;

  constructor(private readonly keys: KeyProvider) {}

  subjectFor(idNumber: string): string {
    const normalised = idNumber.trim().toUpperCase();
    if (!/^[0-9A-Z]{6,32}$/.test(normalised)) throw new Error('an ID number is 6 to 32 letters or digits');
    this.key ??= Buffer.from(hkdfSync('sha256', this.keys.getKey(), Buffer.alloc(0), 'hall-kiosk face subject id v1', 32));
    return 'fs1_' + createHmac('sha256', this.key).update(normalised).digest('base64url').slice(0, 32);
  }
}

export const SUBJECT_ID_PATTERN = /^[A-Za-z0-9_-]{4,64}$/;

export function assertSubjectId(subject: string): void {
  if (typeof subject !== 'string' || !SUBJECT_ID_PATTERN.test(subject)) throw new Error('a subject id is 4 to 64 characters of A-Z a-z 0-9 _ -');
}
