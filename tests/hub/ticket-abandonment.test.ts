import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { ReferenceHub } from '../../hub/reference-hub';
import { HubClient, type HubResponse } from '../../offline-queue/hub-client';
import { middayClock } from '../helpers/midday-clock';
import { startTwoTerminalHub } from './two-terminal-hub';

/**
 * The hub's side of issue 16: POST v1/tickets is idempotent by its key (a retry after a lost
 * answer gets the same ticket and makes no second one), and `ticket.abandoned` cancels the ticket
 * a terminal gave up on — or, arriving first, bars its key — so the hub never calls a number nobody holds.
 */

/** The hub's and the terminals' clock: numbers restart every hall day, so no run may cross local midnight. */
const clock = middayClock();
const nowIso = () => new Date(clock.now()).toISOString();
let hub: ReferenceHub;
let t1: HubClient;
let t2: HubClient;

let stopHub: () => Promise<void>;
beforeEach(async () => {
  ({ hub, t1, t2, stop: stopHub } = await startTwoTerminalHub(clock));
});
afterEach(() => stopHub());

interface HubTicket {
  key: string;
  display: string;
  source: string;
  cancelled: boolean;
}
const tickets = () => hub.store.dump().tickets as HubTicket[];
const ask = (client: HubClient, key: string) => client.post('v1/tickets', { key, serviceCode: 'A', priority: false, subject: null, appointmentId: null });
const numberOf = (r: HubResponse) => (r as { body: { number: string; waitingAhead: number } }).body;
let seq = 0;
const deliver = (client: HubClient, kind: string, payload: Record<string, unknown>) =>
  client.post('v1/batches', {
    terminalId: client.terminalId,
    items: [{ key: randomUUID(), seq: ++seq, kind, createdAt: nowIso(), payload }],
  }) as Promise<{ kind: string; body: { results: { status: string; reason?: string }[] } }>;
const abandon = (client: HubClient, ticketKey: string) =>
  deliver(client, 'ticket.abandoned', { ticketKey, serviceCode: 'A', replacedBy: 'A901', reason: 'no answer' });

describe('POST v1/tickets retried under the same key', () => {
  it('after a dropped answer, the retry returns the same number and no second ticket is made', async () => {
    const key = randomUUID();
    hub.setFaults({ dropResponseRate: 1 });
    expect(await ask(t1, key)).toMatchObject({ kind: 'network-error' });
    expect(tickets()).toHaveLength(1);
    hub.setFaults({});

    const retried = await ask(t1, key);

    expect(retried).toMatchObject({ kind: 'ok', body: { number: 'A001', waitingAhead: 0 } });
    expect(tickets()).toEqual([expect.objectContaining({ key, display: 'A001', source: 'online', cancelled: false })]);
    expect(numberOf(await ask(t1, randomUUID())).number).toBe('A002');
  });
});

describe('ticket.abandoned', () => {
  it('cancels the online ticket it names: it leaves the queue, and its key issues nothing any more', async () => {
    const phantom = randomUUID();
    expect(numberOf(await ask(t1, phantom)).number).toBe('A001');

    const batch = {
      terminalId: 'T-0001',
      items: [
        { key: randomUUID(), seq: ++seq, kind: 'ticket.abandoned', createdAt: nowIso(), payload: { ticketKey: phantom, serviceCode: 'A', replacedBy: 'A901' } },
      ],
    };
    expect(await t1.post('v1/batches', batch)).toMatchObject({ body: { results: [{ status: 'accepted' }] } });

    expect(tickets()).toEqual([expect.objectContaining({ key: phantom, display: 'A001', cancelled: true })]);
    expect(numberOf(await ask(t2, randomUUID()))).toMatchObject({ number: 'A002', waitingAhead: 0 });
    expect(await ask(t1, phantom)).toMatchObject({ kind: 'http-error', status: 409, code: 'ticket-abandoned' });
    // Delivered again (a lost batch answer): a duplicate, nothing changes.
    expect(await t1.post('v1/batches', batch)).toMatchObject({ body: { results: [{ status: 'duplicate' }] } });
    expect(tickets().map((t) => t.cancelled)).toEqual([true, false]);
  });

  it('arriving before the request it names (a late request): the request issues nothing and takes no number', async () => {
    const late = randomUUID();
    expect((await abandon(t1, late)).body.results).toEqual([expect.objectContaining({ status: 'accepted' })]);

    expect(await ask(t1, late)).toMatchObject({ kind: 'http-error', status: 409, code: 'ticket-abandoned' });

    expect(tickets()).toEqual([]);
    expect(numberOf(await ask(t1, randomUUID())).number).toBe('A001');
  });

  it('is rejected for another terminal’s ticket, for a leased ticket, and without the key', async () => {
    const theirs = randomUUID();
    await ask(t2, theirs);
    expect((await abandon(t1, theirs)).body.results).toEqual([
      { key: expect.any(String), status: 'rejected', reason: expect.stringMatching(/no ticket of T-0001/) },
    ]);

    await t1.post('v1/leases', { serviceCodes: ['A'], size: 10 });
    const leased = await deliver(t1, 'ticket.issued', { source: 'offline', serviceCode: 'A', number: 'A9002', sequence: 9002, issuedAt: nowIso() });
    expect(leased.body.results[0]!.status).toBe('accepted');
    const leasedKey = tickets().find((t) => t.source === 'offline')!.key;
    expect((await abandon(t1, leasedKey)).body.results[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/leased ticket/) });

    expect((await deliver(t1, 'ticket.abandoned', { serviceCode: 'A' })).body.results[0]).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/ticketKey/),
    });
    expect(tickets().some((t) => t.cancelled)).toBe(false);
  });
});
