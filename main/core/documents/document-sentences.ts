import type { LocalizedText } from '../../../common/i18n/languages';
import type { DocumentRefusalReason } from './pdf-checks';

/** What the citizen is told along the 证明打印 journey, in the hall's three languages. */

/**
 * A document the kiosk refused before preview (pdf-checks.ts). One sentence for every reason: the citizen
 * can do nothing about the file itself, and the technical reason is in the technician's log.
 */
export const DOCUMENT_CANNOT_BE_SHOWN: LocalizedText = {
  'zh-CN': '此证明无法在本机显示和打印，请到窗口办理',
  'zh-HK': '此證明無法在本機顯示和列印，請到窗口辦理',
  en: 'This document cannot be shown or printed here. Please ask at a counter.',
};

export function documentRefusalSentence(reason: DocumentRefusalReason): LocalizedText {
  switch (reason) {
    case 'not-pdf':
    case 'too-large':
    case 'encrypted':
    case 'scripts':
    case 'embedded-files':
    case 'too-many-pages':
    case 'unreadable':
      return DOCUMENT_CANNOT_BE_SHOWN;
  }
}
