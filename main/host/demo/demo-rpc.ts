import type { RouteTable } from '../../core/rpc/route-table';
import type { DemoService } from './demo-service';

export function demoRoutes(service: DemoService): RouteTable<'demo.samples' | 'demo.card.place' | 'demo.card.remove' | 'demo.qr.scan' | 'demo.printed'> {
  return {
    'demo.samples': () => service.samples(),
    'demo.card.place': (input) => service.placeCard(input),
    'demo.card.remove': () => service.removeCard(),
    'demo.qr.scan': (input) => service.scanQr(input),
    'demo.printed': (input) => service.printed(input),
  };
}
