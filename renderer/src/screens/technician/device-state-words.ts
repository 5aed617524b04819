import type { TFunction } from 'i18next';
import { isHealthyDeviceState } from '../../../../common/device-health';
import { technicianReportStrings } from '../../i18n/strings/technician-report';

/** How a state looks on the technician screen: working, a warning, switched off or absent, a fault. */
export type StateTone = 'ok' | 'warning' | 'off' | 'fault';

const TONES: Record<string, StateTone> = {
  ready: 'ok',
  reading: 'ok',
  printing: 'ok',
  emulated: 'ok',
  'in-renderer': 'ok',
  'paper-near-end': 'warning',
  'not-ready': 'warning',
  'job-failed': 'warning',
  connecting: 'warning',
  disabled: 'off',
  'not-configured': 'off',
  unknown: 'off',
};

/** The colour class of a device state; a state not listed is a fault unless it counts as healthy. */
export function deviceStateTone(state: string): StateTone {
  return TONES[state] ?? (isHealthyDeviceState(state) ? 'ok' : 'fault');
}

const NAMED = new Set(Object.keys(technicianReportStrings['zh-CN'].states).filter((k) => k !== 'other'));

/** A device state in the staff's language; one the screen has no word for is named with its keyword. */
export function deviceStateName(state: string, t: TFunction): string {
  return NAMED.has(state) ? t(`techReport.states.${state}`) : t('techReport.states.other', { state });
}
