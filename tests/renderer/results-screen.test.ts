// @vitest-environment jsdom
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RpcOutput } from '../../common/rpc/contract';
import { ResultsScreen } from '../../renderer/src/screens/citizen/ResultsScreen';
import { fakeCore, ok, text } from './helpers/document-screen';
import { kioskScreenHarness } from './helpers/kiosk-screen';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

type Result = RpcOutput<'results.list'>['results'][number];
const REJECTED: Result = {
  id: 'R-9',
  title: text('营业执照变更申请', '營業執照變更申請', 'Business licence amendment'),
  status: 'rejected',
  statusText: text('未通过', '未通過', 'Not approved'),
  printable: true,
  acceptedOn: text('2026年11月29日', '2026年11月29日', '29 Nov 2026'),
  decidedOn: text('2026年12月4日', '2026年12月4日', '4 Dec 2026'),
  department: text('区市场监督管理局', '區市場監督管理局', 'District Market Regulation'),
  reason: text('缺少股东会决议', '缺少股東會決議', "The shareholders' resolution is missing"),
  nextStep: {
    text: text('补齐材料后到窗口重新提交', '補齊材料後到窗口重新提交', 'Bring the missing papers to the counter'),
    place: text('3 楼 商事登记窗口 21–26 号', '3 樓 商事登記窗口 21–26 號', '3rd floor, counters 21–26'),
    bring: [
      text('股东会决议原件', '股東會決議原件', 'The resolution, original'),
      text('法定代表人身份证原件', '法定代表人身份證原件', "The representative's ID card"),
    ],
    by: text('2026年12月20日', '2026年12月20日', '20 Dec 2026'),
  },
};
const IN_PROGRESS: Result = {
  id: 'R-2',
  title: text('住房公积金提取申请', '住房公積金提取申請', 'Housing fund withdrawal'),
  status: 'in-progress',
  statusText: text('办理中', '辦理中', 'In progress'),
  printable: false,
  acceptedOn: text('2026年12月3日', '2026年12月3日', '3 Dec 2026'),
  decidedOn: null,
  department: null,
  reason: null,
  nextStep: null,
};

describe('查询结果 on screen', () => {
  const h = kioskScreenHarness();
  beforeEach(() => h.mount());
  afterEach(() => h.unmount());
  const screen = createElement(ResultsScreen, { onDone: () => undefined });

  it('shows the dates, the department, why it was not approved and the next step: where, what to bring, by when', async () => {
    await h.render(fakeCore({ 'results.list': () => ok({ results: [REJECTED, IN_PROGRESS] }) }), screen);
    await expect.poll(() => h.all('result').length).toBe(2);
    const [rejected, inProgress] = h.all('result') as [HTMLElement, HTMLElement];
    const within = (el: HTMLElement, id: string) => el.querySelector<HTMLElement>(`[data-testid="${id}"]`)?.textContent ?? null;
    expect(within(rejected, 'result-acceptedOn')).toBe('受理日期2026年11月29日');
    expect(within(rejected, 'result-decidedOn')).toBe('办结日期2026年12月4日');
    expect(within(rejected, 'result-department')).toBe('办理部门区市场监督管理局');
    expect(within(rejected, 'result-reason')).toBe('未通过原因缺少股东会决议');
    expect(within(rejected, 'result-next-text')).toBe('补齐材料后到窗口重新提交');
    expect(within(rejected, 'result-next-place')).toBe('办理地点：3 楼 商事登记窗口 21–26 号');
    expect([...rejected.querySelectorAll('[data-testid="result-next-bring"] li')].map((li) => li.textContent)).toEqual([
      '股东会决议原件',
      '法定代表人身份证原件',
    ]);
    expect(within(rejected, 'result-next-by')).toBe('办理期限：2026年12月20日');

    expect(within(inProgress, 'result-acceptedOn')).toBe('受理日期2026年12月3日');
    expect(within(inProgress, 'result-reason')).toBeNull();
    expect(within(inProgress, 'result-next-step')).toBeNull();
  });

  it('says it all in the language chosen', async () => {
    await h.render(fakeCore({ 'results.list': () => ok({ results: [REJECTED] }) }), screen, 'en');
    await expect.poll(() => h.byTestId('result-reason')?.textContent).toBe("Why not approvedThe shareholders' resolution is missing");
    expect(h.byTestId('result-next-place')!.textContent).toBe('Where: 3rd floor, counters 21–26');
    expect(h.byTestId('result-decidedOn')!.textContent).toBe('Decided4 Dec 2026');
  });
});
