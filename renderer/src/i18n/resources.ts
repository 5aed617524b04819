import type { Language } from '../../../common/i18n/languages';
import { aboutStrings } from './strings/about';
import { appointmentStrings } from './strings/appointment';
import { attractStrings } from './strings/attract';
import { consentStrings } from './strings/consent';
import { demoStrings } from './strings/demo';
import { documentPrinterStrings } from './strings/document-printer';
import { documentStrings } from './strings/documents';
import { errorStrings } from './strings/errors';
import { faceStrings } from './strings/face';
import { formStrings } from './strings/form';
import { guideStrings } from './strings/guide';
import { idleStrings } from './strings/idle';
import { keyboardStrings } from './strings/keyboard';
import { menuStrings } from './strings/menu';
import { modeStrings } from './strings/mode';
import { ratingStrings } from './strings/rating';
import { resultsStrings } from './strings/results';
import { settingsStrings } from './strings/settings';
import { settingsRefusalStrings } from './strings/settings-refusals';
import { staffStrings } from './strings/staff';
import { technicianStrings } from './strings/technician';
import { technicianReportStrings } from './strings/technician-report';
import { ticketStrings } from './strings/ticket';

/**
 * Every string the screens show, in the three languages of the hall, looked up with i18next's
 * `t('feature.key')`. Each feature keeps its strings in strings/FEATURE.ts, one shape for all: the
 * Simplified Chinese object, whose type the other two languages must match. The face notice is the
 * one exception: its sentences are built from the core's facts (strings/face-notice.ts).
 */
const FEATURES = {
  about: aboutStrings,
  appointment: appointmentStrings,
  attract: attractStrings,
  consent: consentStrings,
  demo: demoStrings,
  docPrinter: documentPrinterStrings,
  documents: documentStrings,
  errors: errorStrings,
  face: faceStrings,
  form: formStrings,
  guide: guideStrings,
  idle: idleStrings,
  keyboard: keyboardStrings,
  menu: menuStrings,
  mode: modeStrings,
  rating: ratingStrings,
  refusal: settingsRefusalStrings,
  results: resultsStrings,
  settings: settingsStrings,
  staff: staffStrings,
  tech: technicianStrings,
  techReport: technicianReportStrings,
  ticket: ticketStrings,
};

type Translation = { [Feature in keyof typeof FEATURES]: (typeof FEATURES)[Feature]['zh-CN'] };

function translation(language: Language): Translation {
  return Object.fromEntries(Object.entries(FEATURES).map(([feature, strings]) => [feature, strings[language]])) as Translation;
}

export const resources: Record<Language, { translation: Translation }> = {
  'zh-CN': { translation: translation('zh-CN') },
  'zh-HK': { translation: translation('zh-HK') },
  en: { translation: translation('en') },
};

/** Each language names itself on the switch, so a citizen finds their own. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  'zh-CN': '简体中文',
  'zh-HK': '繁體中文',
  en: 'English',
};
