import { useEffect, useState } from 'react';
import { attractInfoSchema, type AttractInfo } from '../../../../common/rpc/contract';
import { useKiosk } from '../../kiosk/kiosk-context';

/** How often the attract screen asks again: notices, night mode and waiting counts change while it idles. */
export const ATTRACT_REFRESH_MS = 10_000;

/** The attract screen's facts from the core, asked now and every ATTRACT_REFRESH_MS; null until the first answer. */
export function useAttractInfo(): AttractInfo | null {
  const { client } = useKiosk();
  const [info, setInfo] = useState<AttractInfo | null>(null);
  useEffect(() => {
    let live = true;
    const ask = () =>
      client.call('attract.info', {}).then(
        (answer) => {
          // An answer that is not the contract's (an older core) shows nothing rather than breaking the screen.
          const parsed = attractInfoSchema.safeParse(answer);
          if (live && parsed.success) setInfo(parsed.data);
        },
        () => undefined,
      );
    void ask();
    const timer = setInterval(() => void ask(), ATTRACT_REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [client]);
  return info;
}
