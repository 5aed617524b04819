import { z } from 'zod';

/**
 * Request shapes of HUB-PROTOCOL.md: the reference hub checks every request with these, and the
 * terminal types what it sends with them (`satisfies TicketRequestBody`, …), so the two cannot drift.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What must hold for the whole batch (else 400): an object, terminalId, items with string keys. */
export const batchEnvelopeSchema = z.object({
  terminalId: z.string(),
  items: z.array(z.object({ key: z.string().min(1).max(128) }).passthrough()),
});

/** What must hold per item (else that item alone is rejected, so one bad entry never blocks a queue). */
export const batchItemSchema = z.object({
  key: z.string().regex(UUID, 'key must be a UUID'),
  seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  kind: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  payload: z.record(z.string(), z.unknown()),
});

export const ticketRequestSchema = z.object({
  key: z.string().regex(UUID, 'key must be a UUID'),
  serviceCode: z.string().min(1).max(16),
  priority: z.boolean().default(false),
  subject: z.string().min(1).max(128).nullable().default(null),
  appointmentId: z.string().min(1).max(128).nullable().default(null),
});

export const leaseRequestSchema = z.object({
  serviceCodes: z.array(z.string().min(1).max(16)).min(1).max(64),
  size: z.number().int().min(1).max(1000),
});

export const heartbeatRequestSchema = z
  .object({
    terminalId: z.string(),
    version: z.string().optional(),
    uptimeS: z.number().min(0).optional(),
    devices: z.record(z.string(), z.unknown()).optional(),
    outbox: z.object({ pending: z.number(), oldestAgeS: z.number().nullable(), dead: z.number() }).partial().optional(),
    configVersion: z.number().int().nullable().optional(),
    catalogVersion: z.number().int().nullable().optional(),
  })
  .passthrough();

export type TicketRequestBody = z.input<typeof ticketRequestSchema>;
export type LeaseRequestBody = z.input<typeof leaseRequestSchema>;
export type HeartbeatRequestBody = z.input<typeof heartbeatRequestSchema>;
