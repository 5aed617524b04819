import type { RouteTable } from '../rpc/route-table';
import type { ResultsService } from './results-service';

export function resultsRoutes(service: ResultsService): RouteTable<'results.list' | 'results.print'> {
  return {
    'results.list': () => service.list(),
    'results.print': (input) => service.print(input),
  };
}
