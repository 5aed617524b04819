import { randomBytes } from 'node:crypto';
import { RpcError } from '../../../common/rpc/errors';
import type { Clock } from '../clock';
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
 * Staff mode: one PIN (no default: the first start must set it), 5 wrong PINs lock staff mode for
 * 5 minutes, and a staff session ends by itself after `idleMs` without a staff action.
 */
export class StaffAuth {
  private session: { token: string; lastActivity: number } | null = null;

  constructor(
    private readonly pins: PinStore,
    private readonly clock: Clock,
    private readonly idleMs: () => number,
  ) {}

  status(): StaffStatus {
    const lockedUntil = this.pins.lockedUntil !== null && this.pins.lockedUntil > this.clock.now() ? this.pins.lockedUntil : null;
    return { pinSet: this.pins.pinSet, lockedUntil, failuresLeft: lockedUntil ? 0 : MAX_FAILURES - this.pins.failures };
  }

  async setInitialPin(pin: string): Promise<string> {
    if (this.pins.pinSet) throw new RpcError('conflict', 'a staff PIN is already set; change it from staff mode');
    await this.pins.setPin(pin);
    return this.open();
  }

  async login(pin: string): Promise<string> {
    const status = this.status();
    if (!status.pinSet) throw new RpcError('not-ready', 'no staff PIN is set yet: set one first');
    if (status.lockedUntil) throw new RpcError('forbidden', `staff mode is locked until ${new Date(status.lockedUntil).toISOString()}`);
    if (await this.pins.matches(pin)) {
      this.pins.clearFailures();
      return this.open();
    }
    this.pins.recordFailure(MAX_FAILURES, this.clock.now() + LOCKOUT_MS);
    const after = this.status();
    throw new RpcError(
      'forbidden',
      after.lockedUntil ? `wrong PIN: staff mode locked until ${new Date(after.lockedUntil).toISOString()}` : `wrong PIN: ${after.failuresLeft} attempts left`
    );
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

  async changePin(token: string, currentPin: string, newPin: string): Promise<void> {
    this.authorize(token);
    if (!(await this.pins.matches(currentPin))) throw new RpcError('forbidden', 'the current PIN is wrong');
    await this.pins.setPin(newPin);
  }

  private open(): string {
    const token = randomBytes(24).toString('base64url');
    this.session = { token, lastActivity: this.clock.now() };
    return token;
  }
}
