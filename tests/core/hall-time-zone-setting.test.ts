import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../../common/config/schema';
import { bootTestKiosk, type TestKiosk } from '../helpers/test-kiosk';
import { call, callResult } from '../helpers/core-call';

describe('terminal.timeZone', () => {
  it('is Asia/Shanghai by default, and a configuration file with an unknown zone is refused naming the field', () => {
    const ok = validateConfig({});
    expect(ok.ok && ok.config.terminal.timeZone).toBe('Asia/Shanghai');
    expect(validateConfig({ terminal: { timeZone: 'Mars/Olympus' } })).toEqual({
      ok: false,
      issues: [{ path: 'terminal.timeZone', message: 'must be an IANA time zone name such as Asia/Shanghai', rule: { kind: 'time-zone' } }],
    });
  });

  describe('set by staff', () => {
    let kiosk: TestKiosk;
    beforeAll(async () => {
      kiosk = await bootTestKiosk('time-zone');
    });
    afterAll(async () => kiosk?.stop());

    it('refuses an unknown zone with the rule it broke (for the staff screen to say in their language), keeps the zone in force, and applies a known one at once', async () => {
      const { token } = await call(kiosk.core, 'staff.setInitialPin', { pin: '246810' });
      const refused = await callResult(kiosk.core, 'staff.config.update', { token, changes: [{ path: 'terminal.timeZone', value: 'Mars/Olympus' }] });
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'invalid-input', issues: [{ path: 'terminal.timeZone', rule: { kind: 'time-zone' } }] },
      });
      expect(await call(kiosk.core, 'ui.settings', {})).toMatchObject({ timeZone: 'Asia/Shanghai' });

      const refusedNumber = await callResult(kiosk.core, 'staff.config.update', { token, changes: [{ path: 'ui.idleTimeoutS', value: 5 }] });
      expect(refusedNumber).toMatchObject({ ok: false, error: { issues: [{ path: 'ui.idleTimeoutS', rule: { kind: 'at-least', limit: 15, of: 'value' } }] } });

      await call(kiosk.core, 'staff.config.update', { token, changes: [{ path: 'terminal.timeZone', value: 'America/New_York' }] });
      expect(await call(kiosk.core, 'ui.settings', {})).toMatchObject({ timeZone: 'America/New_York' });
    });
  });
});
