import type { RouteTable } from '../rpc/route-table';
import type { SessionService } from './session-service';

/** The citizen session's RPC methods. */
export function sessionRoutes(service: SessionService): RouteTable<'session.reset' | 'session.activity'> {
  return {
    'session.reset': (input) => service.resetByScreen(input),
    'session.activity': (input) => service.reportActivity(input),
  };
}
