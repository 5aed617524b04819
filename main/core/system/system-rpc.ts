import type { RouteTable } from '../rpc/route-table';
import type { SystemService } from './system-service';

export function systemRoutes(service: SystemService): RouteTable<'system.about' | 'system.ping' | 'ui.settings' | 'catalog.get' | 'devices.states'> {
  return {
    'system.about': () => service.about(),
    'system.ping': (input) => service.ping(input),
    'ui.settings': () => service.uiSettings(),
    'catalog.get': () => service.catalog(),
    'devices.states': () => service.deviceStates(),
  };
}
