import type { HubNotice } from '../common/hub-protocol/answers';

const DAY_MS = 86_400_000;

/** The notices a fresh reference hub with demo data serves (hub/notices-store.ts), valid around `now`. */
export function demoNotices(now: number): HubNotice[] {
  const from = new Date(now - DAY_MS).toISOString();
  return [
    {
      id: 'demo-counters-moved',
      title: { 'zh-CN': '不动产登记窗口调整', 'zh-HK': '不動產登記窗口調整', en: 'Real estate counters have moved' },
      body: {
        'zh-CN': '即日起，不动产登记业务移至 3 楼 30–35 号窗口办理。',
        'zh-HK': '即日起，不動產登記業務移至 3 樓 30–35 號窗口辦理。',
        en: 'Real estate registration is now handled at counters 30–35 on the 3rd floor.',
      },
      validFrom: from,
      validUntil: new Date(now + 30 * DAY_MS).toISOString(),
    },
    {
      id: 'demo-maintenance',
      title: { 'zh-CN': '系统维护通知', 'zh-HK': '系統維護通知', en: 'System maintenance' },
      body: {
        'zh-CN': '本周六 22:00 至次日 02:00 系统维护，期间社保业务暂停自助办理。',
        'zh-HK': '本週六 22:00 至翌日 02:00 系統維護，期間社保業務暫停自助辦理。',
        en: 'Systems are maintained this Saturday from 22:00 to 02:00; social insurance services are paused then.',
      },
      validFrom: from,
      validUntil: new Date(now + 7 * DAY_MS).toISOString(),
    },
  ];
}
