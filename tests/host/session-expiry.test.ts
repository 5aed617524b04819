import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestKiosk, type TestKiosk } from '../helpers/test-kiosk';
import { ManualTimers } from '../helpers/manual-timers';
import { nextEvent } from '../helpers/next-event';
import { SESSION_GRACE_MS } from '../../main/core/session/session-service';

/** Lays the resident card on the kiosk's emulated reader and waits for the identity; the card is lifted again. */
async function identifyOn(kiosk: TestKiosk): Promise<void> {
  const identified = nextEvent(kiosk.core, 'identity.changed', (p) => p.kind === 'identified');
  kiosk.embedded.idCardEmulator!.emulator.place('resident');
  await identified;
  kiosk.embedded.idCardEmulator!.emulator.remove();
  expect(await kiosk.core.invoke('results.list', {})).toMatchObject({ ok: true });
}

/**
 * The core ends a citizen's session by itself after the configured idle time plus the countdown,
 * whether or not any renderer is there to ask: the next person never sees the last one's data.
 */
describe('the session expires in the core', () => {
  let kiosk: TestKiosk;
  const timers = new ManualTimers();
  const IDLE_S = 30;
  const ELDER_IDLE_S = 90;
  const COUNTDOWN_S = 10;

  beforeAll(async () => {
    kiosk = await bootTestKiosk('session-expiry', {
      sessionTimers: timers,
      config: { ui: { idleTimeoutS: IDLE_S, elderIdleTimeoutS: ELDER_IDLE_S, countdownS: COUNTDOWN_S } },
    });
  }, 60_000);
  afterAll(async () => kiosk?.stop());

  const identify = () => identifyOn(kiosk);

  it('forgets the citizen at the idle time plus the countdown (and the grace) after the card read, with no renderer', async () => {
    await identify();
    const cleared = nextEvent(kiosk.core, 'identity.changed', (p) => p.kind === 'cleared');
    const reset = nextEvent(kiosk.core, 'session.reset');
    timers.advance((IDLE_S + COUNTDOWN_S) * 1000 + SESSION_GRACE_MS - 1);
    expect(kiosk.core.session.active).toBe(true);
    timers.advance(1);
    expect(await reset).toMatchObject({ reason: 'expired' });
    await cleared;
    expect(await kiosk.core.invoke('results.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('counts the renderer’s reported touches, and gives 长辈版 its own idle time', async () => {
    await identify();
    timers.advance(25_000);
    expect(await kiosk.core.invoke('session.activity', { elder: true })).toMatchObject({ ok: true });
    // 40 s after the card read: past the normal limit, within the elder one counted from the touch.
    timers.advance(15_000);
    expect(kiosk.core.session.active).toBe(true);
    const reset = nextEvent(kiosk.core, 'session.reset');
    timers.advance((ELDER_IDLE_S + COUNTDOWN_S) * 1000 + SESSION_GRACE_MS - 15_000);
    expect(await reset).toMatchObject({ reason: 'expired' });
    expect(kiosk.core.session.active).toBe(false);
  });

  it('does not run its limit while nobody is in a session', async () => {
    const events: string[] = [];
    const off = kiosk.core.subscribe((e) => events.push(e));
    timers.advance(10 * 60_000);
    off();
    expect(events).not.toContain('session.reset');
  });
});

/**
 * A hall that starts every session in 长辈版 (ui.elderModeDefault): the screen counts the elder idle
 * time from the first card read, so the core must too, in the first session and after every reset.
 */
describe('the session expiry of a kiosk that starts in 长辈版', () => {
  let kiosk: TestKiosk;
  const timers = new ManualTimers();
  const IDLE_S = 30;
  const ELDER_IDLE_S = 90;
  const COUNTDOWN_S = 10;

  beforeAll(async () => {
    kiosk = await bootTestKiosk('session-expiry-elder', {
      sessionTimers: timers,
      config: { ui: { elderModeDefault: true, idleTimeoutS: IDLE_S, elderIdleTimeoutS: ELDER_IDLE_S, countdownS: COUNTDOWN_S } },
    });
  }, 60_000);
  afterAll(async () => kiosk?.stop());

  for (const when of ['the first session', 'the session after a reset']) {
    it(`gives ${when} the elder idle time from the card read`, async () => {
      await identifyOn(kiosk);
      // Well past the normal limit: the citizen is still in 长辈版, as the screen says.
      timers.advance((IDLE_S + COUNTDOWN_S) * 1000 + SESSION_GRACE_MS + 5000);
      expect(kiosk.core.session.active).toBe(true);
      const reset = nextEvent(kiosk.core, 'session.reset');
      timers.advance((ELDER_IDLE_S - IDLE_S) * 1000);
      expect(await reset).toMatchObject({ reason: 'expired' });
    });
  }
});
