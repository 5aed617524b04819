import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestKiosk, type TestKiosk } from '../helpers/test-kiosk';
import { nextEvent } from '../helpers/next-event';
import { StaticKeyProvider } from '../../base/key-provider';
import { call, callResult } from '../helpers/core-call';

const text = (zh: string, hk: string, en: string) => ({ 'zh-CN': zh, 'zh-HK': hk, en });

/** Issue #15: a result says when, who, why not and what next, on screen and on the slip; and the attract screen's facts come through the hub. */
describe('result details and the attract screen on the embedded defaults', () => {
  let kiosk: TestKiosk;

  beforeAll(async () => {
    kiosk = await bootTestKiosk('result-details', { keyProvider: new StaticKeyProvider(Buffer.alloc(32, 9)) });
  }, 60_000);
  afterAll(async () => kiosk?.stop());

  it('lists a refusal with its dates as hall days, department, reason and next step, and prints them on the slip', async () => {
    const read = nextEvent(kiosk.core, 'identity.changed', (p) => p.kind === 'identified');
    kiosk.embedded.idCardEmulator!.emulator.place('resident');
    await read;
    await call(kiosk.core, 'results.list', {});
    const store = kiosk.hub.embedded!.hub.store;
    const { subject } = store.db.prepare('SELECT subject FROM results_seeded').get() as { subject: string };
    const id = store.addResult(subject, {
      title: text('营业执照变更申请', '營業執照變更申請', 'Business licence amendment'),
      status: 'rejected',
      printable: true,
      body: {},
      details: {
        acceptedAt: '2026-11-30T02:00:00Z',
        // 01:30 on 5 December in the hall, whatever the machine's zone.
        decidedAt: '2026-12-04T17:30:00Z',
        department: text('区市场监督管理局', '區市場監督管理局', 'District Market Regulation'),
        reason: text('缺少股东会决议', '缺少股東會決議', "The shareholders' resolution is missing"),
        nextStep: {
          text: text('补齐材料后到窗口重新提交', '補齊材料後到窗口重新提交', 'Bring the missing papers to the counter'),
          place: text('3 楼 商事登记窗口 21 号', '3 樓 商事登記窗口 21 號', '3rd floor, counter 21'),
          bring: [text('股东会决议原件', '股東會決議原件', 'The resolution, original')],
          by: '2026-12-20',
        },
      },
    });

    const list = await call(kiosk.core, 'results.list', {});
    kiosk.embedded.idCardEmulator!.emulator.remove();
    expect(list.results.find((r) => r.id === id)).toMatchObject({
      status: 'rejected',
      acceptedOn: { 'zh-CN': '2026年11月30日', en: '30 Nov 2026' },
      decidedOn: { 'zh-CN': '2026年12月5日', 'zh-HK': '2026年12月5日', en: '5 Dec 2026' },
      department: { 'zh-CN': '区市场监督管理局' },
      reason: { 'zh-CN': '缺少股东会决议' },
      nextStep: { place: { 'zh-CN': '3 楼 商事登记窗口 21 号' }, bring: [{ 'zh-CN': '股东会决议原件' }], by: { 'zh-CN': '2026年12月20日', en: '20 Dec 2026' } },
    });
    // Demo results carry their details too.
    expect(list.results.filter((r) => r.id !== id).every((r) => r.department !== null && r.acceptedOn !== null && r.nextStep !== null)).toBe(true);

    const job = kiosk.embedded.virtualPrinter!.waitForJob(20_000);
    expect(await callResult(kiosk.core, 'results.print', { id, lang: 'zh-CN' })).toMatchObject({ ok: true, output: { printed: true } });
    const slip = (await job).transcript;
    for (const line of [
      '未通过',
      '办结日期',
      '2026年12月5日',
      '区市场监督管理局',
      '未通过原因',
      '缺少股东会决议',
      '补齐材料后到窗口重新提交',
      '3 楼 商事登记窗口 21 号',
      '1. 股东会决议原件',
      '2026年12月20日',
    ]) {
      expect(slip, line).toContain(line);
    }
  });

  it('gives the attract screen the demo notices and the waiting counts of the hub it reaches', async () => {
    await expect.poll(async () => (await call(kiosk.core, 'attract.info', {})).notices.map((n) => n.id)).toEqual(['demo-counters-moved', 'demo-maintenance']);
    await expect.poll(async () => (await call(kiosk.core, 'attract.info', {})).waiting?.map((w) => w.category)).toContain('social-security');
    expect((await call(kiosk.core, 'attract.info', {})).waysIn).toEqual(['idCard', 'face', 'qr']);
  });
});
