/**
 * Demo results the reference hub seeds the first time a subject is asked about (when demo
 * results are on, the default of `kioskctl hub serve` and the embedded hub): one to three
 * distinct results, chosen from the subject's hash so that the same subject always sees the same ones.
 * Real hubs answer from the hall's case system instead.
 */
const TEMPLATES = [
  {
    title: { 'zh-CN': '社会保险参保证明', 'zh-HK': '社會保險參保證明', en: 'Social insurance contribution certificate' },
    status: 'ready',
    printable: true,
    body: { kind: 'certificate', months: 36, issuer: 'Social Insurance Bureau (demo)' },
  },
  {
    title: { 'zh-CN': '住房公积金提取申请', 'zh-HK': '住房公積金提取申請', en: 'Housing fund withdrawal application' },
    status: 'in-progress',
    printable: false,
    body: { kind: 'application', step: 'review', expectedDays: 5 },
  },
  {
    title: { 'zh-CN': '不动产登记查询结果', 'zh-HK': '不動產登記查詢結果', en: 'Real estate registration record' },
    status: 'ready',
    printable: true,
    body: { kind: 'record', parcels: 1, note: 'demo data' },
  },
  {
    title: { 'zh-CN': '营业执照变更申请', 'zh-HK': '營業執照變更申請', en: 'Business licence amendment' },
    status: 'rejected',
    printable: true,
    body: { kind: 'application', reason: 'missing shareholder resolution (demo)' },
  },
] as const;

export function demoResultsFor(seed: Buffer): { id: string; title: unknown; status: string; printable: boolean; body: unknown }[] {
  const count = 1 + (seed[0]! % 3);
  const out = [];
  for (let i = 0; i < count; i++) {
    // Consecutive templates from a seeded start: never the same result twice.
    const t = TEMPLATES[(seed[1]! + i) % TEMPLATES.length]!;
    out.push({ id: `demo-${seed.subarray(8, 14).toString('hex')}-${i + 1}`, title: t.title, status: t.status, printable: t.printable, body: t.body });
  }
  return out;
}
