import type { RouteTable } from '../rpc/route-table';
import type { SettingsService } from './settings-service';

/** The staff settings screens' RPC methods. */
export function settingsRoutes(service: SettingsService): RouteTable<'staff.config.get' | 'staff.config.update'> {
  return {
    'staff.config.get': (input) => service.read(input),
    'staff.config.update': (input) => service.update(input),
  };
}
