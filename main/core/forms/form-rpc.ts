import type { RouteTable } from '../rpc/route-table';
import type { FormService } from './form-service';

export function formRoutes(service: FormService): RouteTable<'form.start' | 'form.validate' | 'form.submit'> {
  return {
    'form.start': (input) => service.open(input),
    'form.validate': (input) => service.validate(input),
    'form.submit': (input) => service.submit(input),
  };
}
