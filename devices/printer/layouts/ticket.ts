import type { Language } from '../../../common/i18n/languages';
import { EscPosBuilder } from '../builder';
import { columnsAt } from '../profiles';
import { textColumns } from '../text-codec';
import { formatPrintTime, printableLanguage, type LayoutOptions } from './format';

export interface QueueTicket {
  hall: string;
  /** Ticket number, e.g. `A023`: printed at 4× size. */
  number: string;
  service: string;
  /** People waiting ahead of this ticket; null when unknown (a ticket issued offline): the line is left out. */
  waitingAhead: number | null;
  issuedAt: Date;
  /** Address where the citizen can follow the queue, printed as a QR code. */
  statusUrl?: string;
  /** The service's guide (办事指南), printed as a QR code under its caption. */
  guideUrl?: string;
  /** One line under everything else; the default reminds the citizen to listen for the number. */
  note?: string;
  lang: Language;
}

const LABELS: Record<Language, { yourNumber: string; service: string; ahead: (n: number) => string; time: string; guide: string; note: string }> = {
  'zh-CN': {
    yourNumber: '您的号码',
    service: '业务：',
    ahead: (n) => `前面还有 ${n} 人等候`,
    time: '取号时间：',
    guide: '扫码查看办事指南和所需材料',
    note: '请留意叫号，过号请重新取号',
  },
  'zh-HK': {
    yourNumber: '您的號碼',
    service: '業務：',
    ahead: (n) => `前面還有 ${n} 人等候`,
    time: '取號時間：',
    guide: '掃碼查看辦事指南和所需材料',
    note: '請留意叫號，過號請重新取號',
  },
  en: {
    yourNumber: 'Your number',
    service: 'Service: ',
    ahead: (n) => (n === 1 ? '1 person ahead of you' : `${n} people ahead of you`),
    time: 'Issued: ',
    guide: 'Scan for the guide and what to bring',
    note: 'Please listen for your number.',
  },
};

const TICKET_NUMBER_SIZE = 4;

/** A queue ticket (取号凭条). Under 600 bytes without a logo, so it is on the wire in < 60 ms. */
export function renderTicket(ticket: QueueTicket, options: LayoutOptions): Buffer {
  const { profile } = options;
  if (ticket.waitingAhead !== null && (!Number.isInteger(ticket.waitingAhead) || ticket.waitingAhead < 0)) {
    throw new RangeError(`people waiting ahead must be a whole number ≥ 0, got ${ticket.waitingAhead}`);
  }
  if (!/^[A-Za-z0-9-]{1,12}$/.test(ticket.number)) {
    throw new RangeError(`ticket number "${ticket.number}" must be 1-12 letters, digits or dashes`);
  }
  const b = new EscPosBuilder(profile, options);
  if (textColumns(ticket.number, b.encoding) > columnsAt(profile, TICKET_NUMBER_SIZE)) {
    throw new RangeError(`ticket number "${ticket.number}" does not fit at ${TICKET_NUMBER_SIZE}× size on ${profile.name}`);
  }
  const t = LABELS[printableLanguage(ticket.lang, profile)];
  b.initialize().align('center');
  b.bold(true).wrapped(ticket.hall).bold(false);
  b.line(t.yourNumber);
  b.size(TICKET_NUMBER_SIZE).bold(true).line(ticket.number).bold(false).size(1);
  b.truncated(t.service + ticket.service);
  if (ticket.waitingAhead !== null) b.line(t.ahead(ticket.waitingAhead));
  b.line(t.time + formatPrintTime(ticket.issuedAt, options.timeZone));
  if (ticket.statusUrl) b.qr(ticket.statusUrl);
  if (ticket.guideUrl) b.truncated(t.guide).qr(ticket.guideUrl);
  b.truncated(ticket.note ?? t.note);
  return b.cut().build();
}
