import type { RouteTable } from '../rpc/route-table';
import type { TicketService } from './ticket-service';

export function ticketRoutes(service: TicketService): RouteTable<'ticket.availability' | 'ticket.take'> {
  return {
    'ticket.availability': () => service.availability(),
    'ticket.take': (input) => service.take(input),
  };
}
