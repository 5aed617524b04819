import type { RouteTable } from '../rpc/route-table';
import type { TechnicianService } from './technician-service';

type TechnicianMethod =
  | 'tech.summary'
  | 'tech.idcard.read'
  | 'tech.printer.status'
  | 'tech.printer.testPage'
  | 'tech.queue'
  | 'tech.queue.retryDead'
  | 'tech.hub.check'
  | 'tech.bundle'
  | 'tech.scanner.wait';

/** The technician screen's RPC methods. */
export function technicianRoutes(service: TechnicianService): RouteTable<TechnicianMethod> {
  return {
    'tech.summary': (input) => service.summary(input),
    'tech.idcard.read': (input) => service.readIdCard(input),
    'tech.printer.status': (input) => service.printerStatus(input),
    'tech.printer.testPage': (input) => service.printTestPage(input),
    'tech.queue': (input) => service.queueSummary(input),
    'tech.queue.retryDead': (input) => service.retryDead(input),
    'tech.hub.check': (input) => service.checkHub(input),
    'tech.bundle': (input) => service.exportBundle(input),
    'tech.scanner.wait': (input) => service.waitForScan(input),
  };
}
