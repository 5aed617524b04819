import { useEffect, useState } from 'react';
import type { UiSettings } from '../../../common/rpc/contract';
import type { KioskClient } from '../bridge/kiosk-client';

/** The screen's settings from the core, kept up to date as staff change them; `failed` when the core cannot be reached. */
export function useUiSettings(client: KioskClient): { settings: UiSettings | null; failed: boolean } {
  const [settings, setSettings] = useState<UiSettings | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    client.call('ui.settings', {}).then(setSettings, () => setFailed(true));
    return client.on('ui.settings-changed', setSettings);
  }, [client]);
  return { settings, failed };
}
