import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { bootTestKiosk, type TestKiosk } from '../../helpers/test-kiosk';
import { parseCardSpecs, SAMPLE_CARDS } from '../../../devices/emulators/id-card/card-spec';
import type { RpcEvent } from '../../../common/rpc/contract';
import { nextEvent } from '../../helpers/next-event';

/**
 * A card whose data cannot be genuine, read by the whole core on the embedded defaults: the
 * reader refuses it, the core publishes `idcard.read-failed` (not an identity) and logs the
 * reason without the card's data; every sample card type still becomes the session's identity.
 */
describe('a refused ID card in the kiosk core', () => {
  let kiosk: TestKiosk;
  const events: { event: RpcEvent; payload: unknown }[] = [];

  const emulator = () => kiosk.embedded.idCardEmulator!.emulator;
  const logText = () => {
    const file = path.join(kiosk.dir, 'logs', 'kiosk.log');
    return existsSync(file) ? readFileSync(file, 'utf8') : '';
  };

  beforeAll(async () => {
    kiosk = await bootTestKiosk('card-refused');
    kiosk.core.subscribe((event, payload) => events.push({ event, payload }));
  }, 60_000);
  afterAll(async () => kiosk?.stop());

  it('publishes idcard.read-failed with the reason, no identity, and logs the reason without the data', async () => {
    const resident = SAMPLE_CARDS[0]!;
    const badId = '110101199003070019';
    const [bad] = parseCardSpecs([{ ...resident, id: 'bad-number', name: '测试坏', idNumber: badId }]);
    emulator().addCard(bad!);
    const failed = nextEvent(kiosk.core, 'idcard.read-failed');
    emulator().place('bad-number');
    expect(await failed).toEqual({ reason: 'bad-id-number' });
    emulator().remove();

    expect(events.filter((e) => e.event === 'identity.changed')).toEqual([]);
    expect(await kiosk.core.invoke('face.status', {})).toMatchObject({ ok: true, output: { identity: 'none' } });
    await expect.poll(logText).toContain('card refused');
    const log = logText();
    expect(log).toContain('bad-id-number');
    for (const secret of [badId, badId.slice(-4) + '"', '测试坏', resident.address!]) expect(log).not.toContain(secret);
  });

  it('still reads every sample card type as the session identity', async () => {
    for (const card of SAMPLE_CARDS) {
      const identified = nextEvent(kiosk.core, 'identity.changed', (p) => p.kind === 'identified');
      emulator().place(card.id);
      expect((await identified).identity.cardType).toBe(card.type);
      emulator().remove();
    }
    expect(events.filter((e) => e.event === 'idcard.read-failed')).toHaveLength(1);
  });

  it('asks the citizen to lay the card down again when its read broke off, then reads it', async () => {
    const interrupted = nextEvent(kiosk.core, 'idcard.read-failed');
    emulator().fault('lost-reply');
    emulator().place('resident');
    expect(await interrupted).toEqual({ reason: 'read-interrupted' });
    expect(events.filter((e) => e.event === 'identity.changed' && (e.payload as { kind: string }).kind === 'identified')).toHaveLength(SAMPLE_CARDS.length);
    await expect.poll(logText).toContain('card read broke off');

    const identified = nextEvent(kiosk.core, 'identity.changed', (p) => p.kind === 'identified');
    emulator().remove();
    emulator().place('resident');
    expect((await identified).identity.cardType).toBe('resident');
    emulator().remove();
  });
});
