import { randomBytes } from 'node:crypto';
import { RpcError } from '../../../common/rpc/errors';
import type { Clock } from '../../../base/clock';
import type { PinStore } from './pin-store';

export const PIN_PATTERN = /^\d{6,12}$/;
export const MAX_FAILURES = 5;
export const LOCKOUT_MS = 5 * 60_000;

export interface StaffStatus {
  pinSet: boolean;
  lockedUntil: number | null;
  failuresLeft: number;
}

/**
 * Staff mode: one PIN (no default: the first start must set it), 5 wrong PINs (at login or as the
 * current PIN of a change) lock staff mode for 5 minutes, and a staff session ends by itself after
 * `idleMs` without a staff action. PIN checks run one at a time, so a burst of guesses sent at once
 * is evaluated no further than the lock-out.
 */
export class StaffAuth {
  private session: { token: string; lastActivity: number } | null = null;
  /** The tail of the PIN operations queued so far (see oneAtATime). */
  private pinQueue: Promise<void> = Promise.resolve();

  constructor(
    private readonly pins: PinStore,
    private readonly clock: Clock,
    private readonly idleMs: () => number,
  ) {}

  status(): StaffStatus {
    const lockedUntil = this.pins.lockedUntil !== null && this.pins.lockedUntil > this.clock.now() ? this.pins.lockedUntil : null;
    return { pinSet: this.pins.pinSet, lockedUntil, failuresLeft: lockedUntil ? 0 : MAX_FAILURES - this.pins.failures };
  }

  setInitialPin(pin: string): Promise<string> {
    return this.oneAtATime(async () => {
      if (this.pins.pinSet) throw new RpcError('conflict', 'a staff PIN is already set; change it from staff mode');
      await this.pins.setPin(pin);
      return this.open();
    });
  }

  login(pin: string): Promise<string> {
    return this.oneAtATime(async () => {
      if (!this.pins.pinSet) throw new RpcError('not-ready', 'no staff PIN is set yet: set one first');
      await this.checkPin(pin, 'wrong PIN');
      return this.open();
    });
  }

  /** Checks a staff token and counts the call as staff activity. */
  authorize(token: string): void {
    const s = this.session;
    const now = this.clock.now();
    if (!s || s.token.length !== token.length || s.token !== token) throw new RpcError('forbidden', 'not in staff mode');
    if (now - s.lastActivity > this.idleMs()) {
      this.session = null;
      throw new RpcError('forbidden', 'staff mode ended after inactivity');
    }
    s.lastActivity = now;
  }

  logout(token: string): void {
    if (this.session?.token === token) this.session = null;
  }

  changePin(token: string, currentPin: string, newPin: string): Promise<void> {
    return this.oneAtATime(async () => {
      this.authorize(token);
      const lockedBefore = this.status().lockedUntil !== null;
      try {
        await this.checkPin(currentPin, 'the current PIN is wrong');
      } catch (err) {
        // Someone guessing at an open staff session: when the guesses lock staff mode, the session ends too.
        if (!lockedBefore && this.status().lockedUntil !== null) this.session = null;
        throw err;
      }
      await this.pins.setPin(newPin);
    });
  }

  /**
   * Runs PIN operations one after another, in the order they were asked for. Without this, a burst
   * of guesses all pass the lock-out check before the first scrypt hash ends (each `await`s it),
   * and every guess in the burst is evaluated.
   */
  private oneAtATime<T>(operation: () => Promise<T>): Promise<T> {
    const result = this.pinQueue.then(operation);
    this.pinQueue = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }

  /**
   * Refuses while locked; otherwise counts the attempt as a failure BEFORE hashing (so even a crash
   * mid-hash keeps it counted) and clears the count when the PIN turns out right.
   */
  private async checkPin(pin: string, wrongMessage: string): Promise<void> {
    const before = this.status();
    if (before.lockedUntil) throw new RpcError('forbidden', `staff mode is locked until ${new Date(before.lockedUntil).toISOString()}`);
    this.pins.recordFailure(MAX_FAILURES, this.clock.now() + LOCKOUT_MS);
    if (await this.pins.matches(pin)) {
      this.pins.clearFailures();
      return;
    }
    const after = this.status();
    throw new RpcError(
      'forbidden',
      after.lockedUntil
        ? `${wrongMessage}: staff mode locked until ${new Date(after.lockedUntil).toISOString()}`
        : `${wrongMessage}: ${after.failuresLeft} attempts left`,
    );
  }

  private open(): string {
    const token = randomBytes(24).toString('base64url');
    this.session = { token, lastActivity: this.clock.now() };
    return token;
  }
}
