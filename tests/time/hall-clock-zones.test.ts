import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const PROBE = fileURLToPath(new URL('./hall-clock-probe.ts', import.meta.url));

/** The probe in a fresh Node whose machine zone is `tz` (process.env.TZ cannot be changed reliably at run time). */
async function probeUnder(tz: string): Promise<unknown> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', PROBE], { env: { ...process.env, TZ: tz }, timeout: 60_000 });
  return JSON.parse(stdout);
}

describe('the hall clock whatever the machine zone', () => {
  it('dates slips, receipts, logs, appointments and hub tickets the same under TZ=UTC, TZ=America/New_York and TZ=Asia/Shanghai', async () => {
    const [utc, newYork, shanghai] = await Promise.all(['UTC', 'America/New_York', 'Asia/Shanghai'].map(probeUnder));
    const hall = {
      slip: '2026-12-06 00:30',
      receiptDay: '20261206',
      logDay: '2026-12-06',
      appointment: { 'zh-CN': '01:30', 'zh-HK': '01:30', en: '01:30' },
      appointmentOtherDay: { 'zh-CN': '12月7日 00:30', 'zh-HK': '12月7日 00:30', en: '7 Dec 00:30' },
      slot: { 'zh-CN': '00:30–01:00', 'zh-HK': '00:30–01:00', en: '00:30–01:00' },
      hallDayStart: '2026-12-05T16:00:00.000Z',
      ticket: { number: 'A001', day: '2026-12-06' },
      lease: { from: 9001, expiresAt: '2026-12-06T16:00:00.000Z' },
    };
    expect(utc).toEqual(hall);
    expect(newYork).toEqual(hall);
    expect(shanghai).toEqual(hall);
  }, 90_000);
});
