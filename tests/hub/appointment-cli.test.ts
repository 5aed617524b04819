import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKioskctl } from '../helpers/kioskctl';
import { tempDir } from '../offline-queue/helpers';
import { startReferenceHub, type ReferenceHub } from '../../hub/reference-hub';
import { HubClient } from '../../offline-queue/hub-client';

/** kioskctl hub add-appointment: an appointment a terminal then finds on the hub. */
describe('kioskctl hub add-appointment', () => {
  let d: { dir: string; cleanup: () => void };
  beforeAll(() => {
    d = tempDir('hub-appt-cli-');
  });
  afterAll(() => d.cleanup());

  it('adds an appointment that the hub then serves by its code', async () => {
    const added = await runKioskctl(['hub', 'add-appointment', '--data', d.dir, '--service', 'A', '--start', '+10', '--code', 'CLI-CODE-1', '--json'], {
      timeoutMs: 60_000,
    });
    expect(added.code, added.stderr).toBe(0);
    const a = JSON.parse(added.stdout) as { id: string; code: string; slotStart: string; status: string };
    expect(a).toMatchObject({ code: 'CLI-CODE-1', status: 'booked' });
    expect(Date.parse(a.slotStart) - Date.now()).toBeGreaterThan(5 * 60_000);

    let hub: ReferenceHub | undefined;
    let client: HubClient | undefined;
    try {
      hub = await startReferenceHub({ dataDir: d.dir, terminals: [{ id: 'T-0001', secret: 'secret-one-0123456789' }] });
      client = new HubClient({ url: hub.url, terminalId: 'T-0001', secret: 'secret-one-0123456789', timeoutMs: 5000 });
      const r = await client.appointmentByCode('CLI-CODE-1');
      expect(r).toMatchObject({ kind: 'ok', body: { appointments: [{ id: a.id, serviceCode: 'A' }] } });
    } finally {
      client?.close();
      await hub?.stop();
    }
  }, 90_000);

  it('refuses a bad start, a bad status and a code already taken, saying which', async () => {
    const badStart = await runKioskctl(['hub', 'add-appointment', '--data', d.dir, '--service', 'A', '--start', 'soon'], { timeoutMs: 60_000 });
    expect(badStart.code).toBe(1);
    expect(badStart.stderr).toContain('--start');
    const badStatus = await runKioskctl(['hub', 'add-appointment', '--data', d.dir, '--service', 'A', '--start', '+5', '--status', 'maybe'], {
      timeoutMs: 60_000,
    });
    expect(badStatus.code).toBe(1);
    expect(badStatus.stderr).toContain('status');
    const taken = await runKioskctl(['hub', 'add-appointment', '--data', d.dir, '--service', 'A', '--start', '+5', '--code', 'CLI-CODE-1'], {
      timeoutMs: 60_000,
    });
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('code');
  }, 120_000);
});
