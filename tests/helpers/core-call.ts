import type { RpcInput, RpcMethod, RpcOutput, RpcResult } from '../../common/rpc/contract';
import type { CallContext } from '../../main/core/rpc/router';

/** Anything that answers the core's calls: a kiosk core (`kiosk.core`, `createKioskCore(...)`). */
export interface CoreCalls {
  invoke(method: unknown, input: unknown, ctx?: CallContext): Promise<RpcResult>;
}

/** The result of `method`, typed by the contract: for tests that assert on a refusal as well as on output. */
export async function callResult<M extends RpcMethod>(core: CoreCalls, method: M, input: RpcInput<M>, ctx?: CallContext): Promise<RpcResult<M>> {
  return (await core.invoke(method, input, ctx)) as RpcResult<M>;
}

/** The output of `method`, typed by the contract; throws naming the method, the error's code and message when it is refused. */
export async function call<M extends RpcMethod>(core: CoreCalls, method: M, input: RpcInput<M>, ctx?: CallContext): Promise<RpcOutput<M>> {
  const result = await callResult(core, method, input, ctx);
  if (!result.ok) throw new Error(`${method} refused: ${result.error.code}: ${result.error.message}`);
  return result.output;
}
