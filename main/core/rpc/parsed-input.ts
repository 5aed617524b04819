import type { z } from 'zod';
import type { RpcMethod, rpcMethods } from '../../../common/rpc/contract';

/**
 * A method's input as the router hands it over: checked against the contract, with its defaults
 * filled in (`RpcInput` is what a caller may send, defaults still optional). Services take this.
 */
export type ParsedInput<M extends RpcMethod> = z.output<(typeof rpcMethods)[M]['input']>;
