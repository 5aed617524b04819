import type { Language } from '../../../common/i18n/languages';
import { EscPosBuilder } from '../builder';
import { formatPrintTime, printableLanguage, type LayoutOptions } from './format';

export interface ResultSlip {
  hall: string;
  /** E.g. 办理结果查询 / Application result. */
  title: string;
  submissionNumber: string;
  service: string;
  /** The outcome in a few words, printed large: 已办结, 补正材料, Approved... */
  result: string;
  /** Further label/value lines (no personal data beyond what the citizen must see). */
  details: { label: string; value: string }[];
  printedAt: Date;
  /** Where to follow up, printed as a QR code. */
  url?: string;
  lang: Language;
}

const LABELS: Record<Language, { number: string; service: string; result: string; time: string }> = {
  'zh-CN': { number: '受理编号', service: '办理事项', result: '办理结果', time: '打印时间' },
  'zh-HK': { number: '受理編號', service: '辦理事項', result: '辦理結果', time: '打印時間' },
  en: { number: 'Submission no.', service: 'Service', result: 'Result', time: 'Printed' },
};

/** A result slip: what became of a submission. */
export function renderResultSlip(slip: ResultSlip, options: LayoutOptions): Buffer {
  const t = LABELS[printableLanguage(slip.lang, options.profile)];
  const b = new EscPosBuilder(options.profile, options);
  b.initialize().align('center').bold(true).wrapped(slip.hall).size(2).wrapped(slip.title).size(1).bold(false);
  b.align('left');
  b.labelValue(t.number, slip.submissionNumber);
  b.labelValue(t.service, slip.service);
  b.line(t.result);
  b.align('center').size(2).bold(true).wrapped(slip.result).bold(false).size(1).align('left');
  for (const d of slip.details) b.labelValue(d.label, d.value);
  b.labelValue(t.time, formatPrintTime(slip.printedAt, options.timeZone));
  if (slip.url) b.align('center').qr(slip.url);
  return b.cut().build();
}
