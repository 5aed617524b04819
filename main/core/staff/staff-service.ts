import path from 'node:path';
import type { KioskCoreContext } from '../create-kiosk-core';
import type { CoreService } from '../../../base/lifecycle';
import { StaffAuth } from './staff-auth';
import { SettingsService, staffView, type AuditSink } from './settings-service';
import { detectDevices } from '../devices/device-detection';

/** Audit records in the log; the outbox sink is added where the outbox is composed. */
export function logAuditSink(ctx: Pick<KioskCoreContext, 'logger'>): AuditSink {
  return { record: (event) => ctx.logger.info({ audit: event }, 'audit') };
}

/** Staff mode over the RPC: PIN, staff sessions, the settings screens' reads and writes. */
export class StaffService implements CoreService {
  readonly name = 'staff';
  readonly auth: StaffAuth;
  readonly settings: SettingsService;

  constructor(ctx: KioskCoreContext, audit: AuditSink = logAuditSink(ctx)) {
    this.auth = ctx.staffAuth;
    this.settings = new SettingsService(ctx.config, audit, () => ctx.clock.now());
    const { router } = ctx;

    router.handle('staff.status', () => {
      const s = this.auth.status();
      return {
        pinSet: s.pinSet,
        lockedUntil: s.lockedUntil ? new Date(s.lockedUntil).toISOString() : null,
        failuresLeft: s.failuresLeft,
        autoExitS: ctx.config.config.staff.autoExitS,
      };
    });
    router.handle('staff.setInitialPin', async ({ pin }) => {
      const token = await this.auth.setInitialPin(pin);
      ctx.logger.info('staff PIN set for the first time');
      return { token };
    });
    router.handle('staff.login', async ({ pin }) => {
      try {
        const token = await this.auth.login(pin);
        ctx.logger.info('staff mode entered');
        return { token };
      } catch (err) {
        ctx.logger.warn({ reason: (err as Error).message }, 'staff login refused');
        throw err;
      }
    });
    router.handle('staff.logout', ({ token }) => {
      this.auth.logout(token);
      return {};
    });
    router.handle('staff.changePin', async ({ token, currentPin, newPin }) => {
      await this.auth.changePin(token, currentPin, newPin);
      audit.record({ actor: 'staff', action: 'config.change', field: 'staff.pin', oldValue: '********', newValue: '********', at: new Date(ctx.clock.now()).toISOString() });
      return {};
    });
    router.handle('staff.config.get', ({ token }) => {
      this.auth.authorize(token);
      return staffView(ctx.config.config);
    });
    router.handle('staff.devices.detect', async ({ token }) => {
      this.auth.authorize(token);
      return { ports: await detectDevices({ runDir: path.join(ctx.dataDir, 'run') }) };
    });
    router.handle('staff.config.update', ({ token, changes }) => {
      this.auth.authorize(token);
      const { changed } = this.settings.apply(changes);
      return { changed, ...staffView(ctx.config.config) };
    });
  }
}
