import type { CatalogService } from '../../../common/catalog/schema';
import type { NoticeShown } from '../../../common/rpc/contract';

/**
 * Which screen follows which event: the kiosk's journeys as a pure function of the journey state
 * and an event (no React, no DOM). `journey` answers the next state and what must happen beside
 * it (ending the session in the core, the hall's default language again, the staff token given
 * back); App runs those and renders the screen the state names.
 *
 * An event a screen sends is taken only while that screen is shown: a late one (a timer of a
 * screen already left, say the rating's thanks after the next citizen's card) changes nothing.
 */

export type Screen =
  | 'attract'
  | 'menu'
  | 'guide'
  | 'about'
  | 'staff-entry'
  | 'settings'
  | 'technician'
  | 'face-notice'
  | 'face-consent'
  | 'face-capture'
  | 'ticket'
  | 'results'
  | 'rating'
  | 'form'
  | 'document'
  | 'appointment';

/** Screens of a citizen's session: the idle countdown runs there, and the session's end leaves them. */
export const CITIZEN_SCREENS: readonly Screen[] = [
  'menu',
  'guide',
  'about',
  'face-notice',
  'face-consent',
  'face-capture',
  'ticket',
  'results',
  'rating',
  'form',
  'document',
  'appointment',
];
export const STAFF_SCREENS: readonly Screen[] = ['staff-entry', 'settings', 'technician'];

export const isCitizenScreen = (screen: Screen): boolean => CITIZEN_SCREENS.includes(screen);
export const isStaffScreen = (screen: Screen): boolean => STAFF_SCREENS.includes(screen);

/** Who the session is for, as the screen shows it (the core holds the identity itself). */
export type SessionIdentity = { kind: 'card'; nameMasked: string } | { kind: 'face' } | null;

/** The two consents for binding a face, with the notice read before them. */
export type FaceConsents = { storeConsent: { textVersion: string }; shareConsent: { textVersion: string } | null; notice: NoticeShown };

/** What the camera is opened for, with the notice the citizen read before it (`notice`: face.start's). */
export type FaceMode = { mode: 'identify'; notice?: NoticeShown } | ({ mode: 'bind' } & FaceConsents);

/** 预约签到: the code scanned (null: by the card), renewed by each scan (`nonce`); its service is rated after. */
export interface AppointmentVisit {
  code: string | null;
  nonce: number;
  serviceCode: string | null;
}

export interface JourneyState {
  screen: Screen;
  identity: SessionIdentity;
  faceMode: FaceMode;
  /** Whether the face consent offers sharing with the hall's other terminals. */
  sharingOffered: boolean;
  service: CatalogService | null;
  appointment: AppointmentVisit | null;
  /** While a check-in runs or its number is shown, a new scan must not replace it. */
  appointmentBusy: boolean;
  staffToken: string | null;
}

export type JourneyEvent =
  // From the core
  | { type: 'card-identified'; nameMasked: string }
  | { type: 'face-identified' }
  | { type: 'identity-cleared' }
  | { type: 'qr-scanned'; code: string }
  /** The core ended the session by itself (its idle limit, the renderer lost), or the connection came back after a loss. */
  | { type: 'session-ended' }
  // The screen's own idle countdown ran out
  | { type: 'idle-expired' }
  // Attract screen
  | { type: 'start-touched' }
  | { type: 'about-opened' }
  | { type: 'face-chosen' }
  | { type: 'staff-opened' }
  // About
  | { type: 'about-closed' }
  // Face notice, consent, camera
  | { type: 'notice-read'; notice: NoticeShown }
  | { type: 'card-instead' }
  | { type: 'bind-offered'; sharingOffered: boolean }
  | { type: 'consent-declined' }
  | { type: 'consent-given'; consents: FaceConsents }
  | { type: 'face-done' }
  | { type: 'face-abandoned' }
  | { type: 'notice-changed' }
  // Menu
  | { type: 'home' }
  | { type: 'service-chosen'; service: CatalogService }
  | { type: 'appointment-by-card' }
  // 办事指南 (ⓘ on a tile): back to the menu, or on to the service (service-chosen)
  | { type: 'guide-opened'; service: CatalogService }
  | { type: 'guide-closed' }
  // Ticket, form, results, document: done (the ticket's back button too), then the rating
  | { type: 'service-done' }
  | { type: 'form-left' }
  // Appointment
  | { type: 'appointment-busy'; busy: boolean }
  | { type: 'appointment-left' }
  | { type: 'appointment-checked-in'; serviceCode: string }
  // Rating
  | { type: 'rating-done' }
  // Staff and technician
  | { type: 'staff-cancelled' }
  | { type: 'staff-entered'; token: string }
  | { type: 'technician-opened' }
  | { type: 'technician-closed' }
  /** Leaving staff mode: the exit button, its idle limit, or the core refusing the token. */
  | { type: 'staff-left' };

export type ResetReason = 'idle' | 'done' | 'citizen' | 'staff';

export type JourneyEffect =
  /** Ask the core to end the session (the last citizen's card must not serve the next one). */
  | { kind: 'reset-session'; reason: ResetReason }
  /** The hall's default language and 长辈版 setting again, for the next citizen. */
  | { kind: 'restore-preferences' }
  | { kind: 'staff-logout'; token: string };

export interface Transition {
  state: JourneyState;
  effects: JourneyEffect[];
}

export const INITIAL_JOURNEY: JourneyState = {
  screen: 'attract',
  identity: null,
  faceMode: { mode: 'identify' },
  sharingOffered: false,
  service: null,
  appointment: null,
  appointmentBusy: false,
  staffToken: null,
};

/** The screen a service opens from the menu. */
export function screenOfService(service: CatalogService): Screen {
  switch (service.kind) {
    case 'ticket':
      return 'ticket';
    case 'form':
      return 'form';
    case 'document':
      return 'document';
    case 'query':
      return 'results';
  }
}

/** Screens a scanned QR code starts (or restarts) check-in from. */
const SCAN_SCREENS: readonly Screen[] = ['attract', 'menu', 'appointment'];

export function journey(state: JourneyState, event: JourneyEvent): Transition {
  const stay: Transition = { state, effects: [] };
  const to = (screen: Screen, changes: Partial<JourneyState> = {}): Transition => ({ state: { ...state, ...changes, screen }, effects: [] });
  const on = (...screens: Screen[]) => screens.includes(state.screen);
  /** Back to the attract screen with nothing of the citizen left; `reason`: the core is asked to end the session too. */
  const endCitizen = (reason: ResetReason | null): Transition => ({
    state: { ...INITIAL_JOURNEY, staffToken: state.staffToken },
    effects: [{ kind: 'restore-preferences' }, ...(reason ? [{ kind: 'reset-session' as const, reason }] : [])],
  });
  const nextAppointment = (code: string | null): AppointmentVisit => ({ code, nonce: (state.appointment?.nonce ?? 0) + 1, serviceCode: null });

  switch (event.type) {
    case 'card-identified':
      // A card read opens the menu from anywhere but staff mode (a technician's test read stays there).
      return to(isStaffScreen(state.screen) ? state.screen : 'menu', { identity: { kind: 'card', nameMasked: event.nameMasked } });
    case 'face-identified':
      return to(state.screen, { identity: { kind: 'face' } });
    case 'identity-cleared':
      return to(state.screen, { identity: null });
    case 'qr-scanned':
      if (!on(...SCAN_SCREENS) || (on('appointment') && state.appointmentBusy)) return stay;
      return to('appointment', { appointment: nextAppointment(event.code) });
    case 'session-ended':
      // No call about the citizen would be answered any more: the screen follows the core.
      return isCitizenScreen(state.screen) ? endCitizen(null) : stay;
    case 'idle-expired':
      return isCitizenScreen(state.screen) ? endCitizen('idle') : stay;

    case 'start-touched':
      return on('attract') ? to('menu') : stay;
    case 'about-opened':
      return on('attract') ? to('about') : stay;
    case 'about-closed':
      return on('about') ? to('attract') : stay;
    case 'face-chosen':
      // The notice comes before the camera opens (docs/face.md, The notice).
      return on('attract') ? to('face-notice', { faceMode: { mode: 'identify' } }) : stay;
    case 'staff-opened':
      return on('attract') ? to('staff-entry') : stay;

    case 'notice-read':
      return on('face-notice') ? to('face-capture', { faceMode: { mode: 'identify', notice: event.notice } }) : stay;
    case 'card-instead':
      return on('face-notice') ? to('attract') : stay;
    case 'bind-offered':
      return on('menu') ? to('face-consent', { sharingOffered: event.sharingOffered }) : stay;
    case 'consent-declined':
      return on('face-consent') ? to('menu') : stay;
    case 'consent-given':
      return on('face-consent') ? to('face-capture', { faceMode: { mode: 'bind', ...event.consents } }) : stay;
    case 'face-done':
      return on('face-capture') ? to('menu') : stay;
    case 'face-abandoned':
      return on('face-capture') ? to(state.faceMode.mode === 'bind' ? 'menu' : 'attract') : stay;
    case 'notice-changed':
      // The notice changed meanwhile (settings, the hall key): it is shown, and agreed to, again.
      return on('face-capture') ? to(state.faceMode.mode === 'bind' ? 'face-consent' : 'face-notice') : stay;

    case 'home':
      return on('menu') ? endCitizen('citizen') : stay;
    case 'service-chosen':
      return on('menu', 'guide') ? to(screenOfService(event.service), { appointment: null, service: event.service }) : stay;
    case 'guide-opened':
      return on('menu') ? to('guide', { service: event.service }) : stay;
    case 'guide-closed':
      return on('guide') ? to('menu', { service: null }) : stay;
    case 'appointment-by-card':
      return on('menu') ? to('appointment', { appointment: nextAppointment(null) }) : stay;
    case 'service-done':
      return on('ticket', 'form', 'results', 'document') ? to('rating') : stay;
    case 'form-left':
      return on('form') ? to('menu') : stay;

    case 'appointment-busy':
      return state.appointmentBusy === event.busy ? stay : to(state.screen, { appointmentBusy: event.busy });
    case 'appointment-left':
      if (!on('appointment')) return stay;
      return state.identity ? to('menu') : endCitizen('citizen');
    case 'appointment-checked-in':
      return on('appointment') && state.appointment ? to('rating', { appointment: { ...state.appointment, serviceCode: event.serviceCode } }) : stay;

    case 'rating-done':
      return on('rating') ? endCitizen('done') : stay;

    case 'staff-cancelled':
      return on('staff-entry') ? to('attract') : stay;
    case 'staff-entered':
      return on('staff-entry') ? to('settings', { staffToken: event.token }) : stay;
    case 'technician-opened':
      return on('settings') ? to('technician') : stay;
    case 'technician-closed':
      return on('technician') ? to('settings') : stay;
    case 'staff-left':
      if (!isStaffScreen(state.screen)) return stay;
      return {
        state: { ...state, screen: 'attract', staffToken: null },
        // A technician's test read must not become the next citizen's identity.
        effects: [...(state.staffToken ? [{ kind: 'staff-logout' as const, token: state.staffToken }] : []), { kind: 'reset-session', reason: 'staff' }],
      };
  }
}

/** The service the rating is about: the appointment's checked in, else the one chosen from the menu. */
export function ratedServiceCode(state: JourneyState): string | null {
  return state.appointment?.serviceCode ?? state.service?.code ?? null;
}
