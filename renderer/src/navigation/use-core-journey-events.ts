import { useEffect } from 'react';
import type { KioskClient } from '../bridge/kiosk-client';
import type { JourneyEvent } from './journey';

/**
 * What the core says that moves the journey: a card read or a face identified, a QR code
 * scanned, the session ended by the core itself (after its idle limit, or when the renderer that
 * showed it went), and the web shell's connection coming back after a loss (which ended it too).
 */
export function useCoreJourneyEvents(client: KioskClient, go: (event: JourneyEvent) => void): void {
  useEffect(() => {
    const offs = [
      client.on('identity.changed', (event) => {
        if (event.kind === 'identified') go({ type: 'card-identified', nameMasked: event.identity.nameMasked });
        else if (event.kind === 'face-identified') go({ type: 'face-identified' });
        else go({ type: 'identity-cleared' });
      }),
      client.on('scanner.scanned', ({ code }) => go({ type: 'qr-scanned', code })),
      client.on('session.reset', ({ reason }) => {
        if (reason === 'expired' || reason === 'renderer') go({ type: 'session-ended' });
      }),
      client.onReconnected(() => go({ type: 'session-ended' })),
    ];
    return () => {
      for (const off of offs) off();
    };
  }, [client, go]);
}
