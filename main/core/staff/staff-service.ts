import path from 'node:path';
import type { RpcOutput } from '../../../common/rpc/contract';
import type { CoreService } from '../../../base/lifecycle';
import type { Clock } from '../../../base/clock';
import type { Logger } from '../../logging/logger';
import type { ParsedInput } from '../rpc/parsed-input';
import type { StaffAuth } from './staff-auth';
import type { AuditSink } from './settings-service';
import { detectDevices } from '../devices/device-detection';

/** Audit records in the log; the outbox sink is added where the outbox is composed. */
export function logAuditSink({ logger }: { logger: Logger }): AuditSink {
  return { record: (event) => logger.info({ audit: event }, 'audit') };
}

export interface StaffServiceDeps {
  logger: Logger;
  clock: Clock;
  dataDir: string;
  staffAuth: StaffAuth;
  /** staff.autoExitS in force. */
  autoExitS: () => number;
  audit: AuditSink;
}

/** Staff mode: PIN, staff sessions, the devices the staff screen detects. */
export class StaffService implements CoreService {
  readonly name = 'staff';

  constructor(private readonly deps: StaffServiceDeps) {}

  status(): RpcOutput<'staff.status'> {
    const s = this.deps.staffAuth.status();
    return {
      pinSet: s.pinSet,
      lockedUntil: s.lockedUntil ? new Date(s.lockedUntil).toISOString() : null,
      failuresLeft: s.failuresLeft,
      autoExitS: this.deps.autoExitS(),
    };
  }

  async setInitialPin({ pin }: ParsedInput<'staff.setInitialPin'>): Promise<RpcOutput<'staff.setInitialPin'>> {
    const token = await this.deps.staffAuth.setInitialPin(pin);
    this.deps.logger.info('staff PIN set for the first time');
    return { token };
  }

  async login({ pin }: ParsedInput<'staff.login'>): Promise<RpcOutput<'staff.login'>> {
    try {
      const token = await this.deps.staffAuth.login(pin);
      this.deps.logger.info('staff mode entered');
      return { token };
    } catch (err) {
      this.deps.logger.warn({ reason: (err as Error).message }, 'staff login refused');
      throw err;
    }
  }

  logout({ token }: ParsedInput<'staff.logout'>): RpcOutput<'staff.logout'> {
    this.deps.staffAuth.logout(token);
    return {};
  }

  async changePin({ token, currentPin, newPin }: ParsedInput<'staff.changePin'>): Promise<RpcOutput<'staff.changePin'>> {
    await this.deps.staffAuth.changePin(token, currentPin, newPin);
    this.deps.audit.record({
      actor: 'staff',
      action: 'config.change',
      field: 'staff.pin',
      oldValue: '********',
      newValue: '********',
      at: new Date(this.deps.clock.now()).toISOString(),
    });
    return {};
  }

  async detectDevices({ token }: ParsedInput<'staff.devices.detect'>): Promise<RpcOutput<'staff.devices.detect'>> {
    this.deps.staffAuth.authorize(token);
    return { ports: await detectDevices({ runDir: path.join(this.deps.dataDir, 'run') }) };
  }
}
