import type { RouteTable } from '../rpc/route-table';
import type { AttractService } from './attract-service';

export function attractRoutes(service: AttractService): RouteTable<'attract.info'> {
  return {
    'attract.info': () => service.info(),
  };
}
