import { useEffect, useState } from 'react';
import type { Catalog } from '../../../../../common/catalog/schema';
import type { RpcOutput } from '../../../../../common/rpc/contract';
import { useKiosk } from '../../../kiosk/kiosk-context';

export interface MenuData {
  catalog: Catalog | null;
  /** The core did not answer `catalog.get`. */
  failed: boolean;
  /** Tickets cannot be taken now (no paper, printer off): what the citizen is told, else null. */
  ticketsUnavailable: string | null;
  /** Ticket tiles are disabled. */
  ticketsOff: boolean;
}

/** The catalog and whether tickets can be taken, kept current while the menu shows. */
export function useMenuData(): MenuData {
  const { client, language } = useKiosk();
  const [catalog, setCatalog] = useState<Catalog | null>(null);
  const [failed, setFailed] = useState(false);
  const [tickets, setTickets] = useState<RpcOutput<'ticket.availability'> | null>(null);
  useEffect(() => {
    const check = () => client.call('ticket.availability', {}).then(setTickets, () => undefined);
    void check();
    return client.on('device.state', (s) => s.device === 'printer' && void check());
  }, [client]);
  useEffect(() => {
    let live = true;
    client.call('catalog.get', {}).then(
      (c) => live && setCatalog(c),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [client]);
  return {
    catalog,
    failed,
    ticketsUnavailable: tickets && !tickets.available && tickets.citizenMessage ? tickets.citizenMessage[language] : null,
    ticketsOff: tickets?.available === false,
  };
}
