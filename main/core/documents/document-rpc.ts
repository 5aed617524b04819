import type { RouteTable } from '../rpc/route-table';
import type { DocumentService } from './document-service';
import type { DocumentPrinterTechnician } from './document-printer-technician';

export function documentRoutes(service: DocumentService): RouteTable<'document.list' | 'document.open' | 'document.printerStatus' | 'document.print'> {
  return {
    'document.list': (input) => service.list(input),
    'document.open': (input) => service.open(input),
    'document.printerStatus': () => service.printerStatus(),
    'document.print': (input) => service.print(input),
  };
}

export function documentPrinterTechnicianRoutes(
  service: DocumentPrinterTechnician,
): RouteTable<'tech.documentPrinter.status' | 'tech.documentPrinter.testPage'> {
  return {
    'tech.documentPrinter.status': (input) => service.status(input),
    'tech.documentPrinter.testPage': (input) => service.testPage(input),
  };
}
