import type { z } from 'zod';
import { isRpcMethod, rpcMethods, type RpcMethod, type RpcOutput, type RpcResult } from '../../../common/rpc/contract';
import { RpcError } from '../../../common/rpc/errors';
import { formatIssuePath } from '../../../common/config/schema';
import { maskPersonalText } from '../../../common/privacy/mask';
import { inputBoundsProblem } from './input-bounds';
import type { Logger } from '../../logging/logger';

/** Who is calling: the renderer of a shell. Later: staff mode elevation. */
export interface CallContext {
  origin: 'renderer' | 'cli' | 'test';
}

export type RpcHandler<M extends RpcMethod> = (input: z.output<(typeof rpcMethods)[M]['input']>, ctx: CallContext) => RpcOutput<M> | Promise<RpcOutput<M>>;

function zodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: formatIssuePath(i.path), message: i.message }));
}

/**
 * Dispatches calls to the services' handlers. Every input is validated against the contract
 * before a handler sees it; every failure becomes a typed error. `dispatch` never throws.
 */
export class RpcRouter {
  private readonly handlers = new Map<RpcMethod, RpcHandler<RpcMethod>>();

  constructor(private readonly logger: Logger) {}

  handle<M extends RpcMethod>(method: M, handler: RpcHandler<M>): void {
    if (this.handlers.has(method)) throw new Error(`RPC method ${method} already has a handler`);
    this.handlers.set(method, handler as unknown as RpcHandler<RpcMethod>);
  }

  get methods(): RpcMethod[] {
    return [...this.handlers.keys()];
  }

  /** Never throws or rejects, whatever it is given (in-process callers included): every failure is a typed error. */
  async dispatch(method: unknown, rawInput: unknown, ctx: CallContext): Promise<RpcResult> {
    try {
      return await this.dispatchChecked(method, rawInput, ctx);
    } catch (err) {
      try {
        this.logger.error(
          { method: typeof method === 'string' ? method.slice(0, 64) : typeof method, error: maskPersonalText(describe(err)) },
          'RPC dispatch failed',
        );
      } catch {
        // Nothing more to do: the caller still gets its answer.
      }
      return { ok: false, error: { code: 'internal', message: 'the call failed inside the kiosk core' } };
    }
  }

  private async dispatchChecked(method: unknown, rawInput: unknown, ctx: CallContext): Promise<RpcResult> {
    if (!isRpcMethod(method)) {
      const shown = typeof method === 'string' ? JSON.stringify(method.slice(0, 64)) : `of type ${method === null ? 'null' : typeof method}`;
      return { ok: false, error: { code: 'unknown-method', message: `unknown method ${shown}` } };
    }
    const handler = this.handlers.get(method);
    if (!handler) {
      return { ok: false, error: { code: 'unavailable', message: `${method} is not available on this terminal` } };
    }
    const input = rawInput ?? {};
    // Before zod: it walks the input recursively, and so would overflow the stack on deep nesting.
    const outOfBounds = inputBoundsProblem(input);
    if (outOfBounds) {
      return { ok: false, error: { code: 'invalid-input', message: `invalid input for ${method}: ${outOfBounds}` } };
    }
    const parsed = rpcMethods[method].input.safeParse(input);
    if (!parsed.success) {
      const issues = zodIssues(parsed.error);
      return {
        ok: false,
        error: { code: 'invalid-input', message: `invalid input for ${method}: ` + issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues },
      };
    }
    try {
      const output = await handler(parsed.data as Parameters<RpcHandler<RpcMethod>>[0], ctx);
      const checked = rpcMethods[method].output.safeParse(output);
      if (!checked.success) {
        this.logger.error({ method, issues: zodIssues(checked.error).map((i) => i.path) }, 'handler output breaks the contract');
        return { ok: false, error: { code: 'internal', message: `${method} produced an invalid answer` } };
      }
      return { ok: true, output: checked.data } as RpcResult;
    } catch (err) {
      if (err instanceof RpcError) return { ok: false, error: err.toPayload() };
      this.logger.error({ method, err }, 'RPC handler failed');
      return { ok: false, error: { code: 'internal', message: maskPersonalText(`${method} failed: ${describe(err)}`) } };
    }
  }
}

/** A thrown value as text, whatever was thrown (not always an Error; its getters may throw too). */
function describe(err: unknown): string {
  try {
    return err instanceof Error ? String(err.message) : `a thrown ${err === null ? 'null' : typeof err}`;
  } catch {
    return 'an unreadable error';
  }
}
