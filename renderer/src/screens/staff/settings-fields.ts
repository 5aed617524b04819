import type { Language } from '../../../../common/i18n/languages';

/**
 * Every setting of the configuration schema (common/config/schema.ts) as the staff screens show
 * it. The core validates every change with that schema; this list only says how to edit a field.
 * tests/architecture/settings-fields.test.ts checks it covers every leaf of the schema.
 */
export type FieldKind = 'text' | 'secret' | 'url' | 'number' | 'boolean' | 'choice' | 'languages' | 'services' | 'port';

export type SectionId = 'terminal' | 'hub' | 'services' | 'ui' | 'devices' | 'face' | 'retention' | 'staff';

export interface SettingField {
  path: string;
  kind: FieldKind;
  section: SectionId;
  options?: readonly (string | number)[];
  /** A text in Chinese (a hall's name): the keyboard offers 拼音 and 手写. */
  chinese?: true;
}

const BAUDS = [9600, 19200, 38400, 57600, 115200] as const;
const LANGS = ['zh-CN', 'zh-HK', 'en'] as const;

export const SECTIONS: SectionId[] = ['terminal', 'hub', 'services', 'ui', 'devices', 'face', 'retention', 'staff'];

export const SETTING_FIELDS: SettingField[] = [
  { path: 'terminal.id', kind: 'text', section: 'terminal' },
  { path: 'terminal.hallName.zh-CN', kind: 'text', section: 'terminal', chinese: true },
  { path: 'terminal.hallName.zh-HK', kind: 'text', section: 'terminal', chinese: true },
  { path: 'terminal.hallName.en', kind: 'text', section: 'terminal' },
  { path: 'terminal.timeZone', kind: 'text', section: 'terminal' },
  { path: 'production', kind: 'boolean', section: 'terminal' },
  { path: 'hub.url', kind: 'url', section: 'hub' },
  { path: 'hub.terminalSecret', kind: 'secret', section: 'hub' },
  { path: 'hub.caFile', kind: 'url', section: 'hub' },
  { path: 'hub.requestTimeoutMs', kind: 'number', section: 'hub' },
  { path: 'hub.syncIntervalS', kind: 'number', section: 'hub' },
  { path: 'hub.heartbeatIntervalS', kind: 'number', section: 'hub' },
  { path: 'services.shown', kind: 'services', section: 'services' },
  { path: 'services.appointmentEarlyMinutes', kind: 'number', section: 'services' },
  { path: 'services.appointmentLateMinutes', kind: 'number', section: 'services' },
  { path: 'services.appointmentCodePattern', kind: 'text', section: 'services' },
  { path: 'ui.languages', kind: 'languages', section: 'ui', options: LANGS },
  { path: 'ui.defaultLanguage', kind: 'choice', section: 'ui', options: LANGS },
  { path: 'ui.elderModeDefault', kind: 'boolean', section: 'ui' },
  { path: 'ui.idleTimeoutS', kind: 'number', section: 'ui' },
  { path: 'ui.elderIdleTimeoutS', kind: 'number', section: 'ui' },
  { path: 'ui.countdownS', kind: 'number', section: 'ui' },
  { path: 'ui.voice', kind: 'boolean', section: 'ui' },
  { path: 'devices.idCard.enabled', kind: 'boolean', section: 'devices' },
  { path: 'devices.idCard.kind', kind: 'choice', section: 'devices', options: ['serial', 'hid'] },
  { path: 'devices.idCard.port', kind: 'port', section: 'devices' },
  { path: 'devices.idCard.baudRate', kind: 'choice', section: 'devices', options: BAUDS },
  { path: 'devices.idCard.pollIntervalMs', kind: 'number', section: 'devices' },
  { path: 'devices.printer.enabled', kind: 'boolean', section: 'devices' },
  { path: 'devices.printer.port', kind: 'port', section: 'devices' },
  { path: 'devices.printer.baudRate', kind: 'choice', section: 'devices', options: BAUDS },
  { path: 'devices.printer.profile', kind: 'choice', section: 'devices', options: ['generic-80mm-gb18030', 'generic-80mm-big5', 'generic-58mm-gb18030'] },
  { path: 'devices.scanner.enabled', kind: 'boolean', section: 'devices' },
  { path: 'devices.scanner.kind', kind: 'choice', section: 'devices', options: ['serial', 'hid'] },
  { path: 'devices.scanner.port', kind: 'port', section: 'devices' },
  { path: 'devices.scanner.baudRate', kind: 'choice', section: 'devices', options: BAUDS },
  { path: 'devices.camera.enabled', kind: 'boolean', section: 'devices' },
  { path: 'devices.documentPrinter.enabled', kind: 'boolean', section: 'devices' },
  { path: 'devices.documentPrinter.printer', kind: 'url', section: 'devices' },
  { path: 'devices.documentPrinter.paperSize', kind: 'choice', section: 'devices', options: ['A4', 'A3', 'Letter'] },
  { path: 'devices.documentPrinter.duplex', kind: 'boolean', section: 'devices' },
  { path: 'face.enabled', kind: 'boolean', section: 'face' },
  { path: 'face.sharingOffered', kind: 'boolean', section: 'face' },
  { path: 'face.templateRetentionDays', kind: 'number', section: 'face' },
  { path: 'face.identifyLiveness', kind: 'choice', section: 'face', options: ['screen-light', 'movements'] },
  { path: 'privacy.operator.zh-CN', kind: 'text', section: 'face', chinese: true },
  { path: 'privacy.operator.zh-HK', kind: 'text', section: 'face', chinese: true },
  { path: 'privacy.operator.en', kind: 'text', section: 'face' },
  { path: 'privacy.contact', kind: 'text', section: 'face', chinese: true },
  { path: 'retention.acknowledgedPersonalDataDays', kind: 'number', section: 'retention' },
  { path: 'retention.logDays', kind: 'number', section: 'retention' },
  { path: 'retention.processingRecordDays', kind: 'number', section: 'retention' },
  { path: 'queue.quotaMiB', kind: 'number', section: 'retention' },
  { path: 'hall.staffedHours', kind: 'text', section: 'terminal' },
  { path: 'hall.socialSecurityCard', kind: 'boolean', section: 'devices' },
  { path: 'staff.autoExitS', kind: 'number', section: 'staff' },
];

/**
 * The script Chinese entry writes a field in: the field's own language for a text per language
 * (a zh-HK hall name in 繁體 whoever types it), else the staff's screen language; none for a field
 * that does not take Chinese.
 */
export function chineseScriptOf(field: SettingField, staffLanguage: Language): Language | undefined {
  if (!field.chinese) return undefined;
  if (field.path.endsWith('.zh-HK')) return 'zh-HK';
  if (field.path.endsWith('.zh-CN')) return 'zh-CN';
  return staffLanguage;
}

/** i18next key of a field's label (dots in paths would be read as nesting). */
export function labelKey(path: string): string {
  return `settings.fields.${path.replace(/[.-]/g, '_')}`;
}

export function getAt(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

/** What the editor holds for a field → the value sent to the core (the core's schema judges it). */
export function toConfigValue(field: SettingField, edited: unknown): unknown {
  if (field.kind === 'number') {
    const text = String(edited).trim();
    return text !== '' && Number.isFinite(Number(text)) ? Number(text) : text;
  }
  if (field.kind === 'url' || field.kind === 'port') return String(edited ?? '').trim() === '' ? null : String(edited).trim();
  return edited;
}
