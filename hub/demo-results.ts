import type { ResultDetails } from '../common/hub-protocol/answers';
import { hallDayKey } from '../common/time/hall-clock';
import type { NewResult } from './results-store';

/**
 * Demo results the reference hub seeds the first time a subject is asked about (when demo
 * results are on, the default of `kioskctl hub serve` and the embedded hub): one to three
 * distinct results, chosen from the subject's hash so that the same subject always sees the same ones,
 * dated back from that first look. Real hubs answer from the hall's case system instead.
 */
const DAY_MS = 86_400_000;

interface Template {
  title: { 'zh-CN': string; 'zh-HK': string; en: string };
  status: 'ready' | 'in-progress' | 'rejected';
  printable: boolean;
  body: Record<string, unknown>;
  /** Days before the first look: accepted, decided (absent while in progress). */
  acceptedDaysAgo: number;
  decidedDaysAgo?: number;
  /** The next step's last day, in days after the first look. */
  byInDays?: number;
  details: Omit<ResultDetails, 'acceptedAt' | 'decidedAt'>;
}

const ID_CARD = { 'zh-CN': '本人居民身份证原件', 'zh-HK': '本人居民身份證原件', en: 'Your resident ID card (original)' };

const TEMPLATES: readonly Template[] = [
  {
    title: { 'zh-CN': '社会保险参保证明', 'zh-HK': '社會保險參保證明', en: 'Social insurance contribution certificate' },
    status: 'ready',
    printable: true,
    body: { kind: 'certificate', months: 36, issuer: 'Social Insurance Bureau (demo)' },
    acceptedDaysAgo: 3,
    decidedDaysAgo: 2,
    byInDays: 30,
    details: {
      department: {
        'zh-CN': '区人力资源和社会保障局（演示）',
        'zh-HK': '區人力資源和社會保障局（演示）',
        en: 'District Human Resources and Social Security Bureau (demo)',
      },
      nextStep: {
        text: {
          'zh-CN': '可在本机打印；需要盖章件请到窗口领取',
          'zh-HK': '可在本機打印；需要蓋章件請到窗口領取',
          en: 'Print it here; for a stamped copy, collect it at the counter',
        },
        place: {
          'zh-CN': '政务服务中心 2 楼 社保窗口 12–15 号',
          'zh-HK': '政務服務中心 2 樓 社保窗口 12–15 號',
          en: 'Service Centre, 2nd floor, social insurance counters 12–15',
        },
        bring: [ID_CARD],
      },
    },
  },
  {
    title: { 'zh-CN': '住房公积金提取申请', 'zh-HK': '住房公積金提取申請', en: 'Housing fund withdrawal application' },
    status: 'in-progress',
    printable: false,
    body: { kind: 'application', step: 'review', expectedDays: 5 },
    acceptedDaysAgo: 2,
    details: {
      department: {
        'zh-CN': '市住房公积金管理中心 区管理部（演示）',
        'zh-HK': '市住房公積金管理中心 區管理部（演示）',
        en: 'City Housing Provident Fund Centre, district office (demo)',
      },
      nextStep: {
        text: {
          'zh-CN': '正在审核，预计 5 个工作日内办结，结果以短信通知，无需到场',
          'zh-HK': '正在審核，預計 5 個工作日內辦結，結果以短訊通知，無需到場',
          en: 'Under review; expected within 5 working days. You will get a text message; no need to come in',
        },
      },
    },
  },
  {
    title: { 'zh-CN': '不动产登记查询结果', 'zh-HK': '不動產登記查詢結果', en: 'Real estate registration record' },
    status: 'ready',
    printable: true,
    body: { kind: 'record', parcels: 1, note: 'demo data' },
    acceptedDaysAgo: 1,
    decidedDaysAgo: 1,
    details: {
      department: { 'zh-CN': '区不动产登记中心（演示）', 'zh-HK': '區不動產登記中心（演示）', en: 'District Real Estate Registration Centre (demo)' },
      nextStep: {
        text: { 'zh-CN': '查询结果可在本机打印', 'zh-HK': '查詢結果可在本機打印', en: 'The record can be printed here' },
      },
    },
  },
  {
    title: { 'zh-CN': '营业执照变更申请', 'zh-HK': '營業執照變更申請', en: 'Business licence amendment' },
    status: 'rejected',
    printable: true,
    body: { kind: 'application', reason: 'missing shareholder resolution (demo)' },
    acceptedDaysAgo: 6,
    decidedDaysAgo: 1,
    byInDays: 15,
    details: {
      department: { 'zh-CN': '区市场监督管理局（演示）', 'zh-HK': '區市場監督管理局（演示）', en: 'District Administration for Market Regulation (demo)' },
      reason: {
        'zh-CN': '缺少股东会关于本次变更的决议；申请书上法定代表人签字与备案签名不一致',
        'zh-HK': '缺少股東會關於本次變更的決議；申請書上法定代表人簽字與備案簽名不一致',
        en: "The shareholders' resolution on this change is missing; the legal representative's signature on the application does not match the one on file",
      },
      nextStep: {
        text: { 'zh-CN': '补齐材料后到窗口重新提交', 'zh-HK': '補齊材料後到窗口重新提交', en: 'Bring the missing papers to the counter and submit again' },
        place: {
          'zh-CN': '政务服务中心 3 楼 商事登记窗口 21–26 号',
          'zh-HK': '政務服務中心 3 樓 商事登記窗口 21–26 號',
          en: 'Service Centre, 3rd floor, business registration counters 21–26',
        },
        bring: [
          {
            'zh-CN': '股东会决议原件（全体股东签字）',
            'zh-HK': '股東會決議原件（全體股東簽字）',
            en: "Shareholders' resolution, original, signed by every shareholder",
          },
          {
            'zh-CN': '《公司变更登记申请书》（法定代表人亲笔签字）',
            'zh-HK': '《公司變更登記申請書》（法定代表人親筆簽字）',
            en: 'Company amendment application form, signed by the legal representative',
          },
          { 'zh-CN': '法定代表人身份证原件', 'zh-HK': '法定代表人身份證原件', en: "Legal representative's ID card (original)" },
          { 'zh-CN': '本次《不予登记通知书》', 'zh-HK': '本次《不予登記通知書》', en: 'This refusal notice' },
        ],
      },
    },
  },
];

/** The demo results of the subject whose hash is `seed`, dated back from `now` (the first look). */
export function demoResultsFor(seed: Buffer, now: number, timeZone: string): (NewResult & { id: string })[] {
  const count = 1 + (seed[0]! % 3);
  const out = [];
  for (let i = 0; i < count; i++) {
    // Consecutive templates from a seeded start: never the same result twice.
    const t = TEMPLATES[(seed[1]! + i) % TEMPLATES.length]!;
    const at = (daysAgo: number) => new Date(now - daysAgo * DAY_MS).toISOString();
    const nextStep =
      t.details.nextStep && (t.byInDays === undefined ? t.details.nextStep : { ...t.details.nextStep, by: hallDayKey(now + t.byInDays * DAY_MS, timeZone) });
    const details: ResultDetails = {
      ...t.details,
      acceptedAt: at(t.acceptedDaysAgo),
      ...(t.decidedDaysAgo !== undefined ? { decidedAt: at(t.decidedDaysAgo) } : {}),
      ...(nextStep ? { nextStep } : {}),
    };
    out.push({ id: `demo-${seed.subarray(8, 14).toString('hex')}-${i + 1}`, title: t.title, status: t.status, printable: t.printable, body: t.body, details });
  }
  return out;
}
