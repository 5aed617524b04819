import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StaticKeyProvider } from '../../base/key-provider';
import { bootTestKiosk, type TestKiosk } from '../helpers/test-kiosk';
import { nextEvent } from '../helpers/next-event';
import { call, callResult } from '../helpers/core-call';

/**
 * A second person lays their card while the first one's session is still open (the first walked
 * away without ending it): the second never sees, prints or inherits anything of the first.
 */
describe('another citizen’s card within a session', () => {
  let kiosk: TestKiosk;

  beforeAll(async () => {
    // A fixed data key fixes the pseudonymous subjects, hence the demo results the hub seeds.
    kiosk = await bootTestKiosk('second-card', { keyProvider: new StaticKeyProvider(Buffer.alloc(32, 7)) });
  }, 60_000);
  afterAll(async () => kiosk?.stop());

  async function lay(card: string): Promise<void> {
    const identified = nextEvent(kiosk.core, 'identity.changed', (p) => p.kind === 'identified');
    kiosk.embedded.idCardEmulator!.emulator.place(card);
    await identified;
    kiosk.embedded.idCardEmulator!.emulator.remove();
  }

  it('ends the first citizen’s session before the second card becomes the identity', async () => {
    await lay('resident');
    const first = await call(kiosk.core, 'results.list', {});
    expect(first.results.length).toBeGreaterThan(0);
    const firstSession = kiosk.core.session.sessionId;

    const reset = nextEvent(kiosk.core, 'session.reset');
    await lay('hk-mo-tw-permit');
    expect(await reset).toMatchObject({ reason: 'citizen' });
    expect(kiosk.core.session.sessionId).not.toBe(firstSession);

    // The first citizen's results are not printable by the second.
    for (const r of first.results) expect(await callResult(kiosk.core, 'results.print', { id: r.id, lang: 'zh-CN' })).toMatchObject({ ok: false });
    const second = await call(kiosk.core, 'results.list', {});
    expect(second.results.map((r) => r.id)).not.toEqual(expect.arrayContaining(first.results.map((r) => r.id)));
  });

  it('keeps the session when the same citizen lays their card again', async () => {
    await lay('resident');
    const session = kiosk.core.session.sessionId;
    const events: string[] = [];
    const off = kiosk.core.subscribe((e) => events.push(e));
    await lay('resident');
    off();
    expect(events).not.toContain('session.reset');
    expect(kiosk.core.session.sessionId).toBe(session);
  });
});
