// Run by hall-clock-zones.test.ts in a child process with TZ set: what the terminal and the hub date, as JSON on stdout.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatPrintTime } from '../../devices/printer/layouts/format';
import { hallDay } from '../../main/core/forms/submission-numbers';
import { citizenTime, slotText, startOfHallDay } from '../../main/core/appointments/appointment-sentences';
import { hallLogDay } from '../../main/logging/daily-log-file';
import { openHubDb } from '../../hub/hub-db';
import { HubStore } from '../../hub/hub-store';

// 16:30 UTC on 5 December: 00:30 on 6 December in the hall (Asia/Shanghai), still 5 December in UTC and New York.
const AT = Date.parse('2026-12-05T16:30:00Z');
const dir = mkdtempSync(path.join(os.tmpdir(), 'hall-clock-'));
try {
  const store = new HubStore(openHubDb(dir), { demoResults: false });
  const lease = store.leaseNumbers('T-0001', ['A'], 50, AT)[0]!;
  const ticket = store.issueTicket('T-0001', { key: 'k-1', serviceCode: 'A', priority: false, subject: null, appointmentId: null }, AT);
  const tickets = store.dump().tickets as { day: string }[];
  store.db.close();
  process.stdout.write(
    JSON.stringify({
      slip: formatPrintTime(new Date(AT)),
      receiptDay: hallDay(AT),
      logDay: hallLogDay(AT),
      appointment: citizenTime(AT + 3_600_000, AT),
      appointmentOtherDay: citizenTime(AT + 86_400_000, AT),
      slot: slotText(AT, AT + 30 * 60_000, AT),
      hallDayStart: new Date(startOfHallDay(AT)).toISOString(),
      ticket: { number: ticket.number, day: tickets[0]!.day },
      lease: { from: lease.from, expiresAt: lease.expiresAt },
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
