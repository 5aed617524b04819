import { z } from 'zod';
import { ISSUE_RULE_KINDS } from '../config/issue-rule';

export const rpcErrorCodes = ['invalid-input', 'unknown-method', 'unavailable', 'not-ready', 'forbidden', 'conflict', 'internal'] as const;
export type RpcErrorCode = (typeof rpcErrorCodes)[number];

export const rpcErrorSchema = z.object({
  code: z.enum(rpcErrorCodes),
  message: z.string(),
  /** For invalid-input: each offending field by dotted path. */
  issues: z
    .array(
      z.object({
        path: z.string(),
        message: z.string(),
        /** For a refused setting: the rule it broke (common/config/issue-rule.ts), for a sentence in the staff's language. */
        rule: z
          .object({
            kind: z.enum(ISSUE_RULE_KINDS),
            limit: z.number().optional(),
            of: z.enum(['value', 'length', 'items']).optional(),
            options: z.array(z.string()).optional(),
          })
          .optional(),
      }),
    )
    .optional(),
  /** A sentence a citizen may be shown, when the core has one. */
  citizenMessage: z.object({ 'zh-CN': z.string(), 'zh-HK': z.string(), en: z.string() }).optional(),
});
export type RpcErrorPayload = z.infer<typeof rpcErrorSchema>;

/** Thrown by core services to answer a call with a typed error instead of `internal`. */
export class RpcError extends Error {
  constructor(
    readonly code: RpcErrorCode,
    message: string,
    readonly extra: Pick<RpcErrorPayload, 'issues' | 'citizenMessage'> = {},
  ) {
    super(message);
    this.name = 'RpcError';
  }
  toPayload(): RpcErrorPayload {
    return { code: this.code, message: this.message, ...this.extra };
  }
}
