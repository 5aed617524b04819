import type { RouteTable } from '../rpc/route-table';
import type { StaffService } from './staff-service';

type StaffMethod = 'staff.status' | 'staff.setInitialPin' | 'staff.login' | 'staff.logout' | 'staff.changePin' | 'staff.devices.detect';

/** Staff mode's RPC methods (the settings screens' are settingsRoutes). */
export function staffRoutes(service: StaffService): RouteTable<StaffMethod> {
  return {
    'staff.status': () => service.status(),
    'staff.setInitialPin': (input) => service.setInitialPin(input),
    'staff.login': (input) => service.login(input),
    'staff.logout': (input) => service.logout(input),
    'staff.changePin': (input) => service.changePin(input),
    'staff.devices.detect': (input) => service.detectDevices(input),
  };
}
