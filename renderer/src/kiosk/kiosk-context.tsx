import { createContext, useContext, type ReactNode } from 'react';
import type { Language } from '../../../common/i18n/languages';
import type { KioskClient } from '../bridge/kiosk-client';
import { DEFAULT_HALL_TIME_ZONE } from '../../../common/time/hall-clock';

/** Who is at the screen: a citizen, staff in the settings, or a technician in the diagnostics. */
export type KioskMode = 'citizen' | 'staff' | 'technician';

/** What every screen may need of the kiosk: the core, the session's language and mode. */
export interface Kiosk {
  client: KioskClient;
  language: Language;
  setLanguage: (language: Language) => void;
  /** 长辈版: larger text and targets, a longer idle time. */
  elderMode: boolean;
  setElderMode: (on: boolean) => void;
  mode: KioskMode;
  /** Prompts are spoken (staff switch it off in the settings, `ui.voice`). */
  voice: boolean;
  /** The hall clock's zone (`terminal.timeZone`); absent: the default hall zone. */
  timeZone?: string;
}

const KioskContext = createContext<Kiosk | null>(null);

export function KioskProvider({ value, children }: { value: Kiosk; children?: ReactNode }) {
  return <KioskContext.Provider value={value}>{children}</KioskContext.Provider>;
}

export function useKiosk(): Kiosk {
  const kiosk = useContext(KioskContext);
  if (!kiosk) throw new Error('useKiosk outside KioskProvider');
  return kiosk;
}

/** The typed RPC client to the kiosk core. */
export const useClient = (): KioskClient => useKiosk().client;

/** The language the citizen chose (the hall's default at the start of a session). */
export const useLanguage = (): Language => useKiosk().language;

/** The hall clock's zone: times on screen are the hall's, as on the slips, whatever the machine's zone. */
export const useHallTimeZone = (): string => useKiosk().timeZone ?? DEFAULT_HALL_TIME_ZONE;
