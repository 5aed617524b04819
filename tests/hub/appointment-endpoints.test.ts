import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { startReferenceHub, type ReferenceHub } from '../../hub/reference-hub';
import { HubClient, type HubResponse } from '../../offline-queue/hub-client';
import { DEMO_APPOINTMENT_CODES } from '../../hub/demo-appointments';
import { REPO_ROOT } from '../../testing/repo-root';
import { tempDir } from '../offline-queue/helpers';
import { adminHeaders, rawRequest } from './raw-request';

const CATALOG_FILE = path.join(REPO_ROOT, 'assets', 'catalog', 'default-catalog.json');
const SECRET = 'secret-one-0123456789';
let hub: ReferenceHub;
let cleanup: () => void;
let client: HubClient;
const inMinutes = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

async function startHub(demoAppointments: boolean): Promise<void> {
  const d = tempDir('hub-appt-');
  cleanup = d.cleanup;
  hub = await startReferenceHub({ dataDir: d.dir, catalogFile: CATALOG_FILE, terminals: [{ id: 'T-0001', secret: SECRET }], demoAppointments });
  client = new HubClient({ url: hub.url, terminalId: 'T-0001', secret: SECRET, timeoutMs: 5000 });
}

async function admin(body: object) {
  return rawRequest(hub.url, 'POST', '/admin/appointments', { headers: adminHeaders(hub.adminToken), body: JSON.stringify(body) });
}

const body = <T>(r: HubResponse) => {
  if (r.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r.body as T;
};
type Appts = { appointments: { id: string; code: string; serviceCode: string; slotStart: string; status: string; checkedInAt?: string }[] };

describe('appointments on the reference hub', () => {
  beforeEach(async () => startHub(false));
  afterEach(async () => {
    client.close();
    await hub.stop();
    cleanup();
  });

  it('adds an appointment (admin) and finds it by its QR code and by its subject, never showing the subject', async () => {
    const added = await admin({ code: 'https://book.example/a?id=1 中文', subject: 'S-1', serviceCode: 'A', slotStart: inMinutes(5), slotEnd: inMinutes(35) });
    expect(added.status).toBe(200);
    const byCode = body<Appts>(await client.appointmentByCode('https://book.example/a?id=1 中文'));
    expect(byCode.appointments).toHaveLength(1);
    expect(byCode.appointments[0]).toMatchObject({ code: 'https://book.example/a?id=1 中文', serviceCode: 'A', status: 'booked' });
    expect(byCode.appointments[0]).not.toHaveProperty('subject');
    const bySubject = body<Appts>(await client.appointmentsOf('S-1'));
    expect(bySubject.appointments.map((a) => a.id)).toEqual([byCode.appointments[0]!.id]);
    expect(body<Appts>(await client.appointmentsOf('S-2')).appointments).toEqual([]);
  });

  it('answers 404 to an unknown code, 400 without a subject, and 401 unsigned', async () => {
    expect(await client.appointmentByCode('NO-SUCH-CODE')).toMatchObject({ kind: 'http-error', status: 404, code: 'unknown-appointment' });
    expect(await client.get('v1/appointments')).toMatchObject({ kind: 'http-error', status: 400 });
    expect(await client.post('v1/appointments/X', {})).toMatchObject({ kind: 'http-error', status: 405 });
    expect((await rawRequest(hub.url, 'GET', '/v1/appointments/NO-SUCH-CODE')).status).toBe(401);
  });

  it('refuses a malformed appointment from the admin endpoint, naming the field', async () => {
    const r = await admin({ serviceCode: 'A', slotStart: inMinutes(30), slotEnd: inMinutes(5) });
    expect(r.status).toBe(400);
    expect((r.body as { message: string }).message).toContain('slotEnd');
    expect((await admin({ serviceCode: 'A', slotStart: 'tomorrow', slotEnd: inMinutes(5) })).status).toBe(400);
    await admin({ code: 'DUP', serviceCode: 'A', slotStart: inMinutes(5), slotEnd: inMinutes(35) });
    expect((await admin({ code: 'DUP', serviceCode: 'A', slotStart: inMinutes(5), slotEnd: inMinutes(35) })).status).toBe(409);
  });

  it('checks in through POST v1/tickets once: a second check-in is 409, a retry of the same key the same ticket', async () => {
    const a = (await admin({ code: 'ONCE', serviceCode: 'C', slotStart: inMinutes(5), slotEnd: inMinutes(35) })).body as { id: string };
    const key = randomUUID();
    const first = body<{ number: string }>(await client.post('v1/tickets', { key, serviceCode: 'C', appointmentId: a.id }));
    expect(first.number).toMatch(/^C\d{3}$/);
    expect(body<{ number: string }>(await client.post('v1/tickets', { key, serviceCode: 'C', appointmentId: a.id })).number).toBe(first.number);
    const second = await client.post('v1/tickets', { key: randomUUID(), serviceCode: 'C', appointmentId: a.id });
    expect(second).toMatchObject({ kind: 'http-error', status: 409, code: 'appointment-used' });
    const now = body<Appts>(await client.appointmentByCode('ONCE')).appointments[0]!;
    expect(now.status).toBe('checked-in');
    expect(Date.parse(now.checkedInAt!)).not.toBeNaN();
    expect(hub.store.dump().tickets).toHaveLength(1);
  });

  it('refuses the check-in of an unknown, cancelled or other-service appointment without consuming a number', async () => {
    const cancelled = (await admin({ serviceCode: 'A', slotStart: inMinutes(5), slotEnd: inMinutes(35), status: 'cancelled' })).body as { id: string };
    const other = (await admin({ serviceCode: 'B', slotStart: inMinutes(5), slotEnd: inMinutes(35) })).body as { id: string };
    expect(await client.post('v1/tickets', { key: randomUUID(), serviceCode: 'A', appointmentId: 'appt-none' })).toMatchObject({
      status: 404,
      code: 'unknown-appointment',
    });
    expect(await client.post('v1/tickets', { key: randomUUID(), serviceCode: 'A', appointmentId: cancelled.id })).toMatchObject({
      status: 409,
      code: 'appointment-cancelled',
    });
    expect(await client.post('v1/tickets', { key: randomUUID(), serviceCode: 'A', appointmentId: other.id })).toMatchObject({
      status: 400,
      code: 'appointment-service-mismatch',
    });
    expect(hub.store.dump().tickets).toHaveLength(0);
    expect(body<{ number: string }>(await client.post('v1/tickets', { key: randomUUID(), serviceCode: 'A' })).number).toBe('A001');
  });

  it('takes the appointment.checked-in outbox entry, and rejects one for an unknown appointment', async () => {
    const a = (await admin({ serviceCode: 'A', slotStart: inMinutes(5), slotEnd: inMinutes(35) })).body as { id: string; code: string };
    const entry = (appointmentId: string) => ({
      key: randomUUID(),
      seq: 1,
      kind: 'appointment.checked-in',
      createdAt: new Date().toISOString(),
      payload: { appointmentId, checkedInAt: new Date().toISOString() },
    });
    const ok = entry(a.id);
    const bad = entry('appt-none');
    const r = body<{ results: { key: string; status: string }[] }>(await client.post('v1/batches', { terminalId: 'T-0001', items: [ok, bad] }));
    expect(r.results).toEqual([
      { key: ok.key, status: 'accepted' },
      { key: bad.key, status: 'rejected', reason: expect.stringContaining('appt-none') },
    ]);
    expect(body<Appts>(await client.appointmentByCode(a.code)).appointments[0]!.status).toBe('checked-in');
    expect((hub.store.dump().appointments as { status: string }[])[0]!.status).toBe('checked-in');
  });
});

describe('demo appointments (embedded hub)', () => {
  beforeEach(async () => startHub(true));
  afterEach(async () => {
    client.close();
    await hub.stop();
    cleanup();
  });

  it('has one code per case, with slots around the hub clock', async () => {
    expect(DEMO_APPOINTMENT_CODES.map((c) => c.case).sort()).toEqual(['early', 'late', 'used', 'valid']);
    const found = Object.fromEntries(
      await Promise.all(DEMO_APPOINTMENT_CODES.map(async (c) => [c.case, body<Appts>(await client.appointmentByCode(c.code)).appointments[0]!] as const)),
    );
    const startIn = (c: string) => (Date.parse(found[c]!.slotStart) - Date.now()) / 60_000;
    expect(startIn('valid')).toBeGreaterThan(0);
    expect(startIn('valid')).toBeLessThan(30);
    expect(startIn('early')).toBeGreaterThan(60);
    expect(startIn('late')).toBeLessThan(-15);
    expect(found.used!.status).toBe('checked-in');
    expect(found.valid!.status).toBe('booked');
  });

  it('gives a subject asked about for the first time one appointment due now, once', async () => {
    const first = body<Appts>(await client.appointmentsOf('S-demo')).appointments;
    expect(first).toHaveLength(1);
    expect(first[0]!.status).toBe('booked');
    expect(body<Appts>(await client.appointmentsOf('S-demo')).appointments.map((a) => a.id)).toEqual([first[0]!.id]);
  });
});
