import { describe, expect, it } from 'vitest';
import type { CatalogService } from '../../common/catalog/schema';
import {
  CITIZEN_SCREENS,
  INITIAL_JOURNEY,
  journey,
  ratedServiceCode,
  STAFF_SCREENS,
  type FaceConsents,
  type JourneyEffect,
  type JourneyEvent,
  type JourneyState,
  type Screen,
} from '../../renderer/src/navigation/journey';

/** The journey's screens, walked without React or a DOM: each event from the state the last one left. */
function walk(events: JourneyEvent[], from: JourneyState = INITIAL_JOURNEY) {
  let state = from;
  const effects: JourneyEffect[] = [];
  const screens: Screen[] = [];
  for (const event of events) {
    const t = journey(state, event);
    state = t.state;
    effects.push(...t.effects);
    screens.push(state.screen);
  }
  return { state, effects, screens };
}

const service = (code: string, kind: CatalogService['kind']): CatalogService => ({
  code,
  kind,
  name: { 'zh-CN': code, 'zh-HK': code, en: code },
  category: 'test',
  requiresIdentity: false,
  form: null,
});
const TICKET = service('T1', 'ticket');
const FORM = service('F1', 'form');
const QUERY = service('Q1', 'query');
const DOCUMENT: CatalogService = { ...service('P1', 'document'), requiresIdentity: true };
const NOTICE = { language: 'en' as const, factsHash: 'abcdef0123456789abcdef01' };
const CONSENTS: FaceConsents = { storeConsent: { textVersion: 'store-1' }, shareConsent: null, notice: NOTICE };
const card: JourneyEvent = { type: 'card-identified', nameMasked: '张*' };
const at = (screen: Screen, over: Partial<JourneyState> = {}): JourneyState => ({ ...INITIAL_JOURNEY, ...over, screen });

describe('the citizen journeys', () => {
  it('card read, a ticket service, the ticket taken, the rating: back to the attract screen and the session ended', () => {
    const { screens, effects, state } = walk([card, { type: 'service-chosen', service: TICKET }, { type: 'service-done' }, { type: 'rating-done' }]);
    expect(screens).toEqual(['menu', 'ticket', 'rating', 'attract']);
    expect(effects).toEqual([{ kind: 'restore-preferences' }, { kind: 'reset-session', reason: 'done' }]);
    expect(state).toEqual(INITIAL_JOURNEY);
  });

  it('opens a service’s guide from the menu (ⓘ): back to the menu, or on to the service from there', () => {
    const guide: JourneyEvent = { type: 'guide-opened', service: TICKET };
    expect(walk([card, guide, { type: 'guide-closed' }]).screens).toEqual(['menu', 'guide', 'menu']);
    expect(walk([card, guide, { type: 'guide-closed' }]).state.service).toBeNull();
    const on = walk([card, guide, { type: 'service-chosen', service: TICKET }]);
    expect(on.screens).toEqual(['menu', 'guide', 'ticket']);
    expect(on.state.service).toBe(TICKET);
    // Only from the menu: a late ⓘ on the ticket screen changes nothing.
    expect(walk([card, { type: 'service-chosen', service: TICKET }, guide]).state.screen).toBe('ticket');
    expect(CITIZEN_SCREENS).toContain('guide');
  });

  it('opens the screen of each kind of service, and rates the service chosen', () => {
    expect(walk([card, { type: 'service-chosen', service: FORM }]).state.screen).toBe('form');
    expect(walk([card, { type: 'service-chosen', service: QUERY }]).state.screen).toBe('results');
    expect(walk([card, { type: 'service-chosen', service: DOCUMENT }]).state.screen).toBe('document');
    const rated = walk([card, { type: 'service-chosen', service: FORM }, { type: 'service-done' }]).state;
    expect(rated.screen).toBe('rating');
    expect(ratedServiceCode(rated)).toBe('F1');
  });

  it('prints a document (证明打印) and rates its service, then the session ends', () => {
    const { screens, state, effects } = walk([card, { type: 'service-chosen', service: DOCUMENT }, { type: 'service-done' }]);
    expect(screens).toEqual(['menu', 'document', 'rating']);
    expect(ratedServiceCode(state)).toBe('P1');
    expect(effects).toEqual([]);
    const ended = journey(state, { type: 'rating-done' });
    expect(ended.state).toEqual(INITIAL_JOURNEY);
    expect(ended.effects).toEqual([{ kind: 'restore-preferences' }, { kind: 'reset-session', reason: 'done' }]);
    // A scanned code does not take the citizen away from a document being printed.
    const printing = at('document', { service: DOCUMENT });
    expect(journey(printing, { type: 'qr-scanned', code: 'A1' }).state).toBe(printing);
  });

  it('goes back to the menu from a form, and home from the menu ends the session', () => {
    expect(walk([card, { type: 'service-chosen', service: FORM }, { type: 'form-left' }]).screens).toEqual(['menu', 'form', 'menu']);
    const home = walk([{ type: 'start-touched' }, { type: 'home' }]);
    expect(home.screens).toEqual(['menu', 'attract']);
    expect(home.effects).toContainEqual({ kind: 'reset-session', reason: 'citizen' });
  });

  it('opens the menu when a card is read on any citizen screen, and keeps a staff screen', () => {
    for (const screen of ['attract', ...CITIZEN_SCREENS] as Screen[]) {
      const { state } = journey(at(screen), card);
      expect(state.screen, screen).toBe('menu');
      expect(state.identity).toEqual({ kind: 'card', nameMasked: '张*' });
    }
    for (const screen of STAFF_SCREENS) expect(journey(at(screen, { staffToken: 't' }), card).state.screen, screen).toBe(screen);
  });

  it('identifies by face after the notice, and goes on to the menu', () => {
    const { screens, state } = walk([{ type: 'face-chosen' }, { type: 'notice-read', notice: NOTICE }, { type: 'face-identified' }, { type: 'face-done' }]);
    expect(screens).toEqual(['face-notice', 'face-capture', 'face-capture', 'menu']);
    expect(state.identity).toEqual({ kind: 'face' });
    expect(walk([{ type: 'face-chosen' }, { type: 'notice-read', notice: NOTICE }]).state.faceMode).toEqual({ mode: 'identify', notice: NOTICE });
  });

  it('takes the card instead of the face: from the notice and from the camera, to the attract screen', () => {
    expect(walk([{ type: 'face-chosen' }, { type: 'card-instead' }]).screens).toEqual(['face-notice', 'attract']);
    expect(walk([{ type: 'face-chosen' }, { type: 'notice-read', notice: NOTICE }, { type: 'face-abandoned' }]).state.screen).toBe('attract');
  });

  it('binds a face from the menu after both consents, and comes back to the menu', () => {
    const { screens, state } = walk([card, { type: 'bind-offered', sharingOffered: true }, { type: 'consent-given', consents: CONSENTS }]);
    expect(screens).toEqual(['menu', 'face-consent', 'face-capture']);
    expect(state.sharingOffered).toBe(true);
    expect(state.faceMode).toEqual({ mode: 'bind', ...CONSENTS });
    expect(journey(state, { type: 'face-done' }).state.screen).toBe('menu');
    expect(journey(state, { type: 'face-abandoned' }).state.screen).toBe('menu');
    expect(walk([card, { type: 'bind-offered', sharingOffered: false }, { type: 'consent-declined' }]).state.screen).toBe('menu');
  });

  it('shows the notice again when the core says it changed: the consent for a binding, the notice for identifying', () => {
    expect(journey(at('face-capture', { faceMode: { mode: 'bind', ...CONSENTS } }), { type: 'notice-changed' }).state.screen).toBe('face-consent');
    expect(journey(at('face-capture'), { type: 'notice-changed' }).state.screen).toBe('face-notice');
  });

  it('opens and leaves the about screen', () => {
    expect(walk([{ type: 'about-opened' }, { type: 'about-closed' }]).screens).toEqual(['about', 'attract']);
  });
});

describe('appointment check-in', () => {
  it('starts from a scan on the attract screen, the menu or the appointment screen, each scan a new lookup', () => {
    for (const screen of ['attract', 'menu', 'appointment'] as Screen[]) {
      const { state } = journey(at(screen, { appointment: { code: 'old', nonce: 4, serviceCode: null } }), { type: 'qr-scanned', code: 'A1' });
      expect(state.screen).toBe('appointment');
      expect(state.appointment).toEqual({ code: 'A1', nonce: 5, serviceCode: null });
    }
  });

  it('ignores a scan on other screens, and on the appointment screen while a check-in runs or its number shows', () => {
    for (const screen of ['about', 'ticket', 'form', 'rating', 'face-capture', 'settings', 'technician'] as Screen[]) {
      const s = at(screen);
      expect(journey(s, { type: 'qr-scanned', code: 'A1' }).state, screen).toBe(s);
    }
    const busy = journey(walk([{ type: 'qr-scanned', code: 'A1' }]).state, { type: 'appointment-busy', busy: true }).state;
    expect(journey(busy, { type: 'qr-scanned', code: 'A2' }).state.appointment?.code).toBe('A1');
    const free = journey(busy, { type: 'appointment-busy', busy: false }).state;
    expect(journey(free, { type: 'qr-scanned', code: 'A2' }).state.appointment?.code).toBe('A2');
  });

  it('checks in by card from the menu and rates the appointment service', () => {
    const { screens, state } = walk([card, { type: 'appointment-by-card' }, { type: 'appointment-checked-in', serviceCode: 'S9' }]);
    expect(screens).toEqual(['menu', 'appointment', 'rating']);
    expect(state.appointment).toEqual({ code: null, nonce: 1, serviceCode: 'S9' });
    expect(ratedServiceCode(state)).toBe('S9');
  });

  it('goes back to the menu for a citizen with a card, else to the attract screen ending the session', () => {
    expect(walk([card, { type: 'appointment-by-card' }, { type: 'appointment-left' }]).state.screen).toBe('menu');
    const scanned = walk([{ type: 'qr-scanned', code: 'A1' }, { type: 'appointment-left' }]);
    expect(scanned.state).toEqual(INITIAL_JOURNEY);
    expect(scanned.effects).toContainEqual({ kind: 'reset-session', reason: 'citizen' });
  });

  it('forgets the appointment when a service is chosen from the menu', () => {
    const { state } = walk([{ type: 'qr-scanned', code: 'A1' }, card, { type: 'service-chosen', service: TICKET }]);
    expect(state.appointment).toBeNull();
    expect(ratedServiceCode(journey(state, { type: 'service-done' }).state)).toBe('T1');
  });
});

describe('the end of a session', () => {
  const middleOfEverything = (screen: Screen): JourneyState =>
    at(screen, {
      identity: { kind: 'card', nameMasked: '张*' },
      service: TICKET,
      appointment: { code: 'A1', nonce: 3, serviceCode: 'S1' },
      appointmentBusy: true,
      faceMode: { mode: 'bind', ...CONSENTS },
      sharingOffered: true,
    });

  it('returns to the attract screen with nothing of the citizen when the core ends the session, from every citizen screen', () => {
    for (const screen of CITIZEN_SCREENS) {
      const t = journey(middleOfEverything(screen), { type: 'session-ended' });
      expect(t.state, screen).toEqual(INITIAL_JOURNEY);
      // The core ended it already: only the hall's defaults come back.
      expect(t.effects, screen).toEqual([{ kind: 'restore-preferences' }]);
    }
  });

  it('leaves staff mode and the attract screen alone when the core ends a session', () => {
    for (const screen of ['attract', ...STAFF_SCREENS] as Screen[]) {
      const s = at(screen, { staffToken: 'tok' });
      expect(journey(s, { type: 'session-ended' }), screen).toEqual({ state: s, effects: [] });
    }
  });

  it('returns to the attract screen and ends the session when the idle countdown runs out on a citizen screen', () => {
    for (const screen of CITIZEN_SCREENS) {
      const t = journey(middleOfEverything(screen), { type: 'idle-expired' });
      expect(t.state, screen).toEqual(INITIAL_JOURNEY);
      expect(t.effects, screen).toEqual([{ kind: 'restore-preferences' }, { kind: 'reset-session', reason: 'idle' }]);
    }
  });

  it("takes no late event of a screen already left: a rating thanks timer does not end the next citizen's session", () => {
    const next = walk([card, { type: 'service-chosen', service: TICKET }, { type: 'service-done' }, { type: 'rating-done' }, card]).state;
    expect(journey(next, { type: 'rating-done' })).toEqual({ state: next, effects: [] });
    expect(journey(next, { type: 'face-done' }).state).toBe(next);
  });
});

describe('staff mode', () => {
  it('enters from the attract screen with the PIN, opens the technician screen and comes back', () => {
    const { screens, state } = walk([
      { type: 'staff-opened' },
      { type: 'staff-entered', token: 'tok' },
      { type: 'technician-opened' },
      { type: 'technician-closed' },
    ]);
    expect(screens).toEqual(['staff-entry', 'settings', 'technician', 'settings']);
    expect(state.staffToken).toBe('tok');
  });

  it('opens only from the attract screen, and cancelling the PIN goes back there', () => {
    expect(journey(at('menu'), { type: 'staff-opened' }).state.screen).toBe('menu');
    expect(walk([{ type: 'staff-opened' }, { type: 'staff-cancelled' }]).screens).toEqual(['staff-entry', 'attract']);
  });

  it("leaving gives the token back and ends the session (a test card read is nobody's identity), from every staff screen", () => {
    const left = walk([{ type: 'staff-opened' }, { type: 'staff-entered', token: 'tok' }, { type: 'technician-opened' }, { type: 'staff-left' }]);
    expect(left.state).toEqual(INITIAL_JOURNEY);
    expect(left.effects).toEqual([
      { kind: 'staff-logout', token: 'tok' },
      { kind: 'reset-session', reason: 'staff' },
    ]);
    expect(journey(at('staff-entry'), { type: 'staff-left' }).effects).toEqual([{ kind: 'reset-session', reason: 'staff' }]);
    expect(journey(at('menu'), { type: 'staff-left' }).effects).toEqual([]);
  });
});
