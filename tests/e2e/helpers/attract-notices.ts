import type { RunningWebShell } from '../../../testing/chromium/web-shell-process';
import { hubAdmin } from './embedded-hub-admin';

const HOUR_MS = 3_600_000;

/** Sets the hall's notices on the kiosk's embedded hub (POST admin/notices): one notice valid from an hour ago for a day. */
export async function setHallNotice(shell: RunningWebShell, notice: { id: string; title: string; body: string }): Promise<void> {
  const text = (s: string) => ({ 'zh-CN': s, 'zh-HK': s, en: s });
  const now = Date.now();
  await hubAdmin(shell, 'admin/notices', {
    notices: [
      {
        id: notice.id,
        title: text(notice.title),
        body: text(notice.body),
        validFrom: new Date(now - HOUR_MS).toISOString(),
        validUntil: new Date(now + 24 * HOUR_MS).toISOString(),
      },
    ],
  });
}

/** Adds a rejected result with its department, reason and next step for `subject` (POST admin/results); returns its id. */
export async function addRejectedResult(shell: RunningWebShell, subject: string): Promise<string> {
  const added = (await hubAdmin(shell, 'admin/results', {
    subject,
    title: { 'zh-CN': '测试变更登记申请', 'zh-HK': '測試變更登記申請', en: 'Test amendment application' },
    status: 'rejected',
    printable: true,
    acceptedAt: new Date(Date.now() - 5 * 24 * HOUR_MS).toISOString(),
    decidedAt: new Date(Date.now() - 24 * HOUR_MS).toISOString(),
    department: { 'zh-CN': '测试市场监督管理局', 'zh-HK': '測試市場監督管理局', en: 'Test Market Regulation Bureau' },
    reason: { 'zh-CN': '测试原因：缺少股东会决议', 'zh-HK': '測試原因：缺少股東會決議', en: 'Test reason: resolution missing' },
    nextStep: {
      text: { 'zh-CN': '补齐材料后重新提交', 'zh-HK': '補齊材料後重新提交', en: 'Submit again with the papers' },
      place: { 'zh-CN': '3 楼 测试窗口 21 号', 'zh-HK': '3 樓 測試窗口 21 號', en: '3rd floor, test counter 21' },
      bring: [{ 'zh-CN': '股东会决议原件', 'zh-HK': '股東會決議原件', en: 'The resolution, original' }],
    },
  })) as { id?: unknown };
  if (typeof added.id !== 'string') throw new Error(`admin/results answered without an id: ${JSON.stringify(added)}`);
  return added.id;
}
