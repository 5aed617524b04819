import type { RouteTable } from '../rpc/route-table';
import type { RatingService } from './rating-service';

export function ratingRoutes(service: RatingService): RouteTable<'rating.submit'> {
  return { 'rating.submit': (input) => service.submit(input) };
}
