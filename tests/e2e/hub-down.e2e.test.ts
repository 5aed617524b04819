import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { saveScreenshot } from '../../testing/chromium/chromium';
import { openKioskInChromium, printedJobs, takeTicketWithCard, type KioskInChromium } from './helpers/kiosk-in-chromium';
import { runKioskctl } from '../helpers/kioskctl';
import { embeddedHubUrl, hubAdmin } from './helpers/embedded-hub-admin';

type HubTicket = { display: string; terminalId: string; source: string; serviceCode: string };
type HubDump = { tickets: HubTicket[]; leases: { terminalId: string; serviceCode: string }[]; items: { terminalId: string; kind: string }[] };

const SECOND_TERMINAL = 'T-0002';
const SECOND_SECRET = 'second-terminal-secret-0123456789';

/** Issue test 2: the hub down, tickets from the leased blocks on two terminals, the hub up, each ticket synced once. */
describe('taking tickets while the hub is down, in Chromium', () => {
  let first: KioskInChromium;
  let second: KioskInChromium;
  let hubUrl: string;
  const hubDir = () => path.join(first.shell.dataDir, 'hub');
  const dump = async (): Promise<HubDump> => JSON.parse((await runKioskctl(['hub', 'dump', '--data', hubDir(), '--json'])).stdout) as HubDump;

  /** Card → 不动产登记 → 取号 on one terminal's screen, then a rating (or none); the number shown. */
  async function takeTicket(kiosk: KioskInChromium, rating?: number): Promise<string> {
    const { page } = kiosk;
    const number = await takeTicketWithCard(kiosk);
    expect(await page.getByTestId('ticket-printed').textContent()).toBe('请取走凭条，留意叫号');
    await page.getByTestId('ticket-done').click();
    if (rating) {
      await page.getByTestId(`rating-${rating}`).click();
      await page.getByTestId('rating-submit').click();
    } else {
      await page.getByTestId('rating-skip').click();
    }
    await page.getByTestId('attract-screen').waitFor({ timeout: 15_000 });
    return number;
  }

  beforeAll(async () => {
    // Sync often, and a heartbeat (which cuts a sync backoff short once the hub answers) as often as allowed.
    const fastSync = { syncIntervalS: 2, heartbeatIntervalS: 10 };
    first = await openKioskInChromium({ config: { hub: fastSync } });
    hubUrl = embeddedHubUrl(first.shell);
    // The second terminal is registered at the first one's hub and pointed at it.
    await hubAdmin(hubUrl, 'admin/terminals', { id: SECOND_TERMINAL, secret: SECOND_SECRET });
    second = await openKioskInChromium({
      config: { terminal: { id: SECOND_TERMINAL }, hub: { url: hubUrl, terminalSecret: SECOND_SECRET, ...fastSync } },
    });
  });
  afterAll(async () => {
    if (hubUrl) await hubAdmin(hubUrl, 'admin/faults', {}).catch(() => undefined);
    await second?.close();
    await first?.close();
  });

  it('both terminals hold a leased block of numbers from the hub', async () => {
    await expect
      .poll(async () => new Set((await dump()).leases.filter((l) => l.serviceCode === 'C').map((l) => l.terminalId)), { timeout: 60_000, interval: 1000 })
      .toEqual(new Set(['T-0001', SECOND_TERMINAL]));
  });

  let offline: { first: string; second: string };
  it('hub down: each terminal prints a ticket from its lease, and the two numbers differ', async () => {
    await hubAdmin(hubUrl, 'admin/faults', { failRate: 1 });
    offline = { first: await takeTicket(first), second: await takeTicket(second) };
    // Leased numbers are a range of their own, 9001 up (docs/hub-protocol.md, “Ticket numbers and leases”).
    expect(offline.first).toMatch(/^C9\d{3}$/);
    expect(offline.second).toMatch(/^C9\d{3}$/);
    expect(offline.first).not.toBe(offline.second);
    await expect.poll(() => printedJobs(first.shell).some((j) => j.includes(offline.first)), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => printedJobs(second.shell).some((j) => j.includes(offline.second)), { timeout: 15_000 }).toBe(true);
    expect(printedJobs(second.shell).some((j) => j.includes(offline.first))).toBe(false);
    await saveScreenshot(second.page, 'hub-down-second-terminal');
    // Nothing reached the hub while it was down.
    const held = (await dump()).tickets.map((t) => t.display);
    expect(held).not.toContain(offline.first);
    expect(held).not.toContain(offline.second);
  });

  it('hub up: each offline ticket reaches the hub exactly once, as issued from the lease', async () => {
    await hubAdmin(hubUrl, 'admin/faults', {});
    const ofNumber = (tickets: HubTicket[], display: string) => tickets.filter((t) => t.display === display && t.serviceCode === 'C');
    await expect
      .poll(
        async () => {
          const { tickets } = await dump();
          return [ofNumber(tickets, offline.first).length, ofNumber(tickets, offline.second).length];
        },
        { timeout: 90_000, interval: 1000 },
      )
      .toEqual([1, 1]);
    // A ticket and a rating on each terminal now: once the hub holds both ratings, each outbox has
    // been sent past its offline entry again, and still each ticket is held once.
    const online = await takeTicket(first, 5);
    await takeTicket(second, 4);
    await expect
      .poll(async () => new Set((await dump()).items.filter((i) => i.kind === 'evaluation.created').map((i) => i.terminalId)), {
        timeout: 90_000,
        interval: 1000,
      })
      .toEqual(new Set(['T-0001', SECOND_TERMINAL]));
    const { tickets } = await dump();
    expect(ofNumber(tickets, offline.first)).toEqual([expect.objectContaining({ terminalId: 'T-0001', source: 'offline' })]);
    expect(ofNumber(tickets, offline.second)).toEqual([expect.objectContaining({ terminalId: SECOND_TERMINAL, source: 'offline' })]);
    expect(ofNumber(tickets, online)).toEqual([expect.objectContaining({ terminalId: 'T-0001', source: 'online' })]);
    const displays = tickets.filter((t) => t.serviceCode === 'C').map((t) => t.display);
    expect(new Set(displays).size).toBe(displays.length);
  }, 240_000);
});
