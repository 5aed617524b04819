import type { Language, LocalizedText } from '../../../common/i18n/languages';
import type { RpcOutput } from '../../../common/rpc/contract';
import type { HubResult } from '../../../common/hub-protocol/answers';
import { calendarDateText, hallDateText } from '../hall/hall-time';

export type ResultView = RpcOutput<'results.list'>['results'][number];
type Details = Omit<ResultView, 'id' | 'title' | 'status' | 'statusText' | 'printable'>;

/** A result's dates, department, reason and next step as the citizen reads them, dates in the hall's zone. */
export function resultDetailsView(r: HubResult, timeZone: string): Details {
  return {
    acceptedOn: r.acceptedAt ? hallDateText(r.acceptedAt, timeZone) : null,
    decidedOn: r.decidedAt ? hallDateText(r.decidedAt, timeZone) : null,
    department: r.department ?? null,
    // A reason is the why of a refusal: a hub that sends one with another status is not believed.
    reason: r.status === 'rejected' ? (r.reason ?? null) : null,
    nextStep: r.nextStep
      ? { text: r.nextStep.text, place: r.nextStep.place ?? null, bring: r.nextStep.bring ?? [], by: r.nextStep.by ? calendarDateText(r.nextStep.by) : null }
      : null,
  };
}

const LABELS: Record<Language, Record<'accepted' | 'decided' | 'department' | 'reason' | 'next' | 'place' | 'bring' | 'by', string>> = {
  'zh-CN': {
    accepted: '受理日期',
    decided: '办结日期',
    department: '办理部门',
    reason: '未通过原因',
    next: '下一步',
    place: '办理地点',
    bring: '请携带',
    by: '办理期限',
  },
  'zh-HK': {
    accepted: '受理日期',
    decided: '辦結日期',
    department: '辦理部門',
    reason: '未通過原因',
    next: '下一步',
    place: '辦理地點',
    bring: '請攜帶',
    by: '辦理期限',
  },
  en: { accepted: 'Accepted', decided: 'Decided', department: 'Department', reason: 'Reason', next: 'Next step', place: 'Where', bring: 'Bring', by: 'By' },
};

/** The label/value lines of the result slip, in the slip's language. */
export function resultSlipLines(d: Details, lang: Language): { label: string; value: string }[] {
  const t = LABELS[lang];
  const line = (label: string, value: LocalizedText | null) => (value ? [{ label, value: value[lang] }] : []);
  return [
    ...line(t.accepted, d.acceptedOn),
    ...line(t.decided, d.decidedOn),
    ...line(t.department, d.department),
    ...line(t.reason, d.reason),
    ...(d.nextStep
      ? [
          ...line(t.next, d.nextStep.text),
          ...line(t.place, d.nextStep.place),
          ...d.nextStep.bring.map((b, i) => ({ label: i === 0 ? t.bring : '', value: `${i + 1}. ${b[lang]}` })),
          ...line(t.by, d.nextStep.by),
        ]
      : []),
  ];
}
