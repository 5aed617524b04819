import type { Language } from '../../../../common/i18n/languages';
import { zhCNSentences } from './zh-CN';
import { zhHKSentences } from './zh-HK';
import { enSentences } from './en';

/**
 * What the kiosk says aloud, written for the ear rather than copied from the screen: whole
 * sentences, the ticket number read out digit by digit, no symbols. One file per language.
 */
export interface SpokenSentences {
  /** The attract screen: how to start. */
  attract: string;
  /** The service menu. */
  chooseService: string;
  /** 取号's confirmation of the service chosen. */
  confirmTicket(serviceName: string): string;
  /** A number issued (取号 or check-in): `printProblem` is the core's sentence when the slip did not print. */
  ticketIssued(number: string, printProblem: string | null): string;
  /** 预约签到 done: the number issued for the appointment. */
  checkedIn(number: string, printProblem: string | null): string;
  rateService: string;
  thanksForRating: string;
  ratingNotRecorded: string;
  /** The idle countdown: the session ends in `seconds` unless the citizen touches the screen. */
  stillThere(seconds: number): string;
}

const SENTENCES: Record<Language, SpokenSentences> = { 'zh-CN': zhCNSentences, 'zh-HK': zhHKSentences, en: enSentences };

export function spokenSentences(language: Language): SpokenSentences {
  return SENTENCES[language];
}
