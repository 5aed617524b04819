import type { BootedKiosk } from '../../main/host/boot';

/**
 * The pseudonymous subject id a running kiosk gives the sample card `card`: the card is laid on the
 * emulated reader, the citizen rates (a rating carries the subject), the outbox entry is read back.
 */
export async function subjectKioskGives(kiosk: BootedKiosk, card = 'resident'): Promise<string> {
  const read = new Promise<void>((resolve) => {
    const off = kiosk.core.subscribe((event, payload) => {
      if (event !== 'identity.changed' || (payload as { kind: string }).kind !== 'identified') return;
      off();
      resolve();
    });
  });
  kiosk.embedded.idCardEmulator!.emulator.place(card);
  await read;
  try {
    const rated = (await kiosk.core.invoke('rating.submit', { serviceCode: 'A', rating: 5 })) as { ok: boolean; output?: { key: string } };
    if (!rated.ok || !rated.output) throw new Error(`rating.submit failed: ${JSON.stringify(rated)}`);
    const subject = kiosk.queue.outbox.get(rated.output.key)?.payload.subject;
    if (typeof subject !== 'string') throw new Error('the rating carries no subject');
    return subject;
  } finally {
    kiosk.embedded.idCardEmulator!.emulator.remove();
  }
}
