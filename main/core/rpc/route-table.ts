import type { RpcMethod } from '../../../common/rpc/contract';
import type { RpcHandler, RpcRouter } from './router';

/**
 * The RPC wiring of one service: contract method → a call of the service's own method. Handlers
 * here only adapt (input fields, the call context); the logic lives in the service, which a test
 * calls directly without the router.
 */
export type RouteTable<M extends RpcMethod> = { [K in M]: RpcHandler<K> };

/** Registers every route of `table` on the router (each method once, as `RpcRouter.handle` requires). */
export function registerRoutes<M extends RpcMethod>(router: RpcRouter, table: RouteTable<M>): void {
  for (const method of Object.keys(table) as M[]) router.handle(method, table[method]);
}
