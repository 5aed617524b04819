import type { Language } from '../../../common/i18n/languages';
import { maskName } from '../../../common/privacy/mask';
import { EscPosBuilder } from '../builder';
import { formatPrintTime, printableLanguage, type LayoutOptions } from './format';

export interface SubmissionReceipt {
  hall: string;
  submissionNumber: string;
  service: string;
  submittedAt: Date;
  /** The applicant's name in full: the receipt prints it masked (张*三). */
  applicantName: string;
  lang: Language;
  /** The service's guide (办事指南), printed as a QR code under its caption. */
  guideUrl?: string;
}

const LABELS: Record<Language, { title: string; number: string; service: string; applicant: string; time: string; guide: string; note: string }> = {
  'zh-CN': {
    title: '受理回执',
    number: '受理编号',
    service: '办理事项',
    applicant: '申请人',
    time: '提交时间',
    guide: '扫码查看办事指南',
    note: '凭受理编号查询办理进度，请妥善保管',
  },
  'zh-HK': {
    title: '受理回執',
    number: '受理編號',
    service: '辦理事項',
    applicant: '申請人',
    time: '提交時間',
    guide: '掃碼查看辦事指南',
    note: '憑受理編號查詢辦理進度，請妥善保管',
  },
  en: {
    title: 'Submission receipt',
    number: 'Submission no.',
    service: 'Service',
    applicant: 'Applicant',
    time: 'Submitted',
    guide: 'Scan for the service guide',
    note: 'Keep this receipt to follow your application.',
  },
};

/** A submission receipt (受理回执): number (also as CODE128), service, time, masked name. */
export function renderReceipt(receipt: SubmissionReceipt, options: LayoutOptions): Buffer {
  if (!/^[\x20-\x7e]{1,40}$/.test(receipt.submissionNumber)) {
    throw new RangeError(`submission number "${receipt.submissionNumber}" must be 1-40 printable ASCII characters`);
  }
  const t = LABELS[printableLanguage(receipt.lang, options.profile)];
  const b = new EscPosBuilder(options.profile, options);
  b.initialize().align('center').bold(true).wrapped(receipt.hall).size(2).line(t.title).size(1).bold(false);
  b.align('left');
  b.labelValue(t.number, receipt.submissionNumber);
  b.labelValue(t.service, receipt.service);
  b.labelValue(t.applicant, maskName(receipt.applicantName));
  b.labelValue(t.time, formatPrintTime(receipt.submittedAt, options.timeZone));
  b.align('center').code128(receipt.submissionNumber);
  if (receipt.guideUrl) b.truncated(t.guide).qr(receipt.guideUrl);
  b.wrapped(t.note);
  return b.cut().build();
}
