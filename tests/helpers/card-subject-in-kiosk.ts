import type { BootedKiosk } from '../../main/host/boot';
import { call } from './core-call';
import { nextEvent } from './next-event';

/**
 * The pseudonymous subject id a running kiosk gives the sample card `card`: the card is laid on the
 * emulated reader, the citizen rates (a rating carries the subject), the outbox entry is read back.
 */
export async function subjectKioskGives(kiosk: BootedKiosk, card = 'resident'): Promise<string> {
  const read = nextEvent(kiosk.core, 'identity.changed', (p) => p.kind === 'identified');
  kiosk.embedded.idCardEmulator!.emulator.place(card);
  await read;
  try {
    const rated = await call(kiosk.core, 'rating.submit', { serviceCode: 'A', rating: 5 });
    const subject = kiosk.queue.outbox.get(rated.key)?.payload.subject;
    if (typeof subject !== 'string') throw new Error('the rating carries no subject');
    return subject;
  } finally {
    kiosk.embedded.idCardEmulator!.emulator.remove();
  }
}
