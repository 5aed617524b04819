import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { ReferenceHub } from '../../hub/reference-hub';
import type { HubClient } from '../../offline-queue/hub-client';
import { middayClock } from '../helpers/midday-clock';
import { startTwoTerminalHub } from './two-terminal-hub';
import { adminHeaders, rawRequest } from './raw-request';

const clock = middayClock();
let hub: ReferenceHub;
let t1: HubClient;
let stopHub: () => Promise<void>;
beforeEach(async () => {
  ({ hub, t1, stop: stopHub } = await startTwoTerminalHub(clock));
});
afterEach(() => stopHub());

const admin = (route: string, body: unknown) =>
  rawRequest(hub.url, 'POST', new URL(route, hub.url).pathname, { headers: adminHeaders(hub.adminToken), body: JSON.stringify(body) });
const text = (zh: string) => ({ 'zh-CN': zh, 'zh-HK': zh, en: zh });
const iso = (offsetMs: number) => new Date(clock.now() + offsetMs).toISOString();
const HOUR = 3_600_000;

describe('GET v1/notices', () => {
  it('serves the demo notices of a fresh hub, then what admin/notices sets, leaving out the expired ones', async () => {
    const demo = await t1.get('v1/notices');
    expect(demo).toMatchObject({ kind: 'ok', body: { version: 1, notices: [{ id: 'demo-counters-moved' }, { id: 'demo-maintenance' }] } });

    const set = await admin('admin/notices', {
      notices: [
        { id: 'now', title: text('今日通知'), body: text('三楼电梯检修'), validFrom: iso(-HOUR), validUntil: iso(HOUR) },
        { id: 'later', title: text('明日通知'), body: text('明天停电'), validFrom: iso(2 * HOUR), validUntil: iso(5 * HOUR) },
        { id: 'gone', title: text('过期通知'), body: text('昨天的事'), validFrom: iso(-5 * HOUR), validUntil: iso(-HOUR) },
      ],
    });
    expect(set).toMatchObject({ status: 200, body: { version: 2 } });
    const r = await t1.get('v1/notices?since=1');
    expect(r).toMatchObject({ kind: 'ok', body: { version: 2 } });
    expect((r as { body: { notices: { id: string }[] } }).body.notices.map((n) => n.id)).toEqual(['now', 'later']);
    expect(await t1.get('v1/notices?since=2')).toMatchObject({ kind: 'not-modified' });
  });

  it('refuses notices that do not fit the protocol, naming the field', async () => {
    const r = await admin('admin/notices', { notices: [{ id: 'x', title: { 'zh-CN': '缺英文' }, body: text('b'), validFrom: iso(0), validUntil: iso(HOUR) }] });
    expect(r).toMatchObject({ status: 400, body: { message: expect.stringContaining('title') } });
  });
});

describe('GET v1/queue-status', () => {
  it('counts the tickets waiting per category of the catalog, without the abandoned ones', async () => {
    const take = (serviceCode: string) => t1.post('v1/tickets', { key: randomUUID(), serviceCode, priority: false, subject: null, appointmentId: null });
    const before = await t1.get('v1/queue-status');
    expect(before).toMatchObject({
      kind: 'ok',
      body: { categories: expect.arrayContaining([{ category: 'social-security', name: expect.anything(), waiting: 0 }]) },
    });
    await take('A');
    await take('A');
    await take('C');
    const key = randomUUID();
    await t1.post('v1/tickets', { key, serviceCode: 'A', priority: false, subject: null, appointmentId: null });
    await t1.post('v1/batches', {
      terminalId: 'T-0001',
      items: [{ key: randomUUID(), seq: 1, kind: 'ticket.abandoned', createdAt: iso(0), payload: { ticketKey: key, serviceCode: 'A' } }],
    });
    const r = (await t1.get('v1/queue-status')) as {
      kind: string;
      body: { at: string; categories: { category: string; name: { 'zh-CN': string }; waiting: number }[] };
    };
    const waiting = Object.fromEntries(r.body.categories.map((c) => [c.category, c.waiting]));
    expect(waiting).toMatchObject({ 'social-security': 2, 'real-estate': 1, tax: 0 });
    expect(r.body.categories.find((c) => c.category === 'social-security')!.name['zh-CN']).toBe('社保');
    expect(r.body.categories.map((c) => c.category)).not.toContain('certificates');
    expect(Date.parse(r.body.at)).toBeGreaterThan(clock.now() - 60_000);
  });
});

describe('GET v1/results details', () => {
  it('sends the dates, department, reason and next step admin/results was given; a result without them is read as before', async () => {
    const detailed = {
      subject: 'subject-r1',
      title: text('营业执照变更'),
      status: 'rejected',
      printable: true,
      acceptedAt: iso(-3 * 24 * HOUR),
      decidedAt: iso(-HOUR),
      department: text('区市场监督管理局'),
      reason: text('缺少股东会决议'),
      nextStep: { text: text('补齐后重新提交'), place: text('3 楼 21 号窗口'), bring: [text('股东会决议原件')], by: '2026-03-20' },
    };
    expect(await admin('admin/results', detailed)).toMatchObject({ status: 200 });
    expect(await admin('admin/results', { subject: 'subject-r1', title: text('旧式结果'), status: 'ready', printable: false })).toMatchObject({ status: 200 });
    const r = (await t1.get('v1/results?subject=subject-r1')) as { body: { results: Record<string, unknown>[] } };
    const { subject: _s, ...wire } = detailed;
    expect(r.body.results).toEqual(
      expect.arrayContaining([expect.objectContaining(wire), expect.objectContaining({ title: text('旧式结果'), status: 'ready', printable: false })]),
    );
    const plain = r.body.results.find((x) => (x.title as { en: string }).en === '旧式结果')!;
    expect(Object.keys(plain).sort()).toEqual(['body', 'id', 'printable', 'status', 'title']);
    expect(await admin('admin/results', { ...detailed, nextStep: { by: 'tomorrow' } })).toMatchObject({ status: 400 });
  });
});
