import type { HubDb } from './hub-db';
import type { AppointmentStore } from './appointment-store';
import type { FaceReferences } from './face-verify';
import type { HubFaceGallery } from './face-gallery-store';
import type { HubCatalogConfig } from './catalog-config-store';
import type { HubDocuments } from './document-store';

export interface DumpParts {
  catalog: HubCatalogConfig;
  faceGallery: HubFaceGallery;
  faceReferences: FaceReferences;
  appointments: AppointmentStore;
  documents: HubDocuments;
  /** A stored payload opened for --reveal (or a sentence saying it cannot be). */
  openPayload(key: string, sealed: Buffer): unknown;
}

/** What the hub holds (kioskctl hub dump). Payloads and subjects only with reveal. */
export function dumpHub(db: HubDb, parts: DumpParts, reveal: boolean): Record<string, unknown> {
  const items = (
    db.prepare('SELECT arrival, key, terminal_id, seq, kind, created_at, payload, received_at FROM items ORDER BY arrival').all() as {
      arrival: number;
      key: string;
      terminal_id: string;
      seq: number;
      kind: string;
      created_at: string;
      payload: Buffer;
      received_at: number;
    }[]
  ).map((r) => ({
    arrival: r.arrival,
    key: r.key,
    terminalId: r.terminal_id,
    seq: r.seq,
    kind: r.kind,
    createdAt: r.created_at,
    receivedAt: new Date(r.received_at).toISOString(),
    ...(reveal ? { payload: parts.openPayload(r.key, r.payload) } : {}),
  }));
  const tickets = (
    db
      .prepare(
        'SELECT key, terminal_id, service_code, day, number, display, source, issued_at, key IN (SELECT ticket_key FROM abandoned_tickets) AS cancelled FROM tickets ORDER BY id',
      )
      .all() as {
      key: string;
      terminal_id: string;
      service_code: string;
      day: string;
      number: number;
      display: string;
      source: string;
      issued_at: string;
      cancelled: number;
    }[]
  ).map((t) => ({
    key: t.key,
    terminalId: t.terminal_id,
    serviceCode: t.service_code,
    day: t.day,
    number: t.number,
    display: t.display,
    source: t.source,
    issuedAt: t.issued_at,
    cancelled: t.cancelled === 1,
  }));
  const leases = (
    db.prepare('SELECT terminal_id, service_code, day, first, last, expires_at FROM leases ORDER BY id').all() as {
      terminal_id: string;
      service_code: string;
      day: string;
      first: number;
      last: number;
      expires_at: string;
    }[]
  ).map((l) => ({ terminalId: l.terminal_id, serviceCode: l.service_code, day: l.day, from: l.first, to: l.last, expiresAt: l.expires_at }));
  const heartbeats = (
    db.prepare('SELECT terminal_id, received_at, body FROM heartbeats').all() as { terminal_id: string; received_at: number; body: string }[]
  ).map((h) => ({ terminalId: h.terminal_id, receivedAt: new Date(h.received_at).toISOString(), body: JSON.parse(h.body) as unknown }));
  const commands = (
    db.prepare('SELECT id, terminal_id, type, args, created_at, delivered_at FROM commands ORDER BY created_at').all() as {
      id: string;
      terminal_id: string;
      type: string;
      args: string;
      created_at: number;
      delivered_at: number | null;
    }[]
  ).map((c) => ({
    id: c.id,
    terminalId: c.terminal_id,
    type: c.type,
    args: reveal ? (JSON.parse(c.args) as unknown) : '[hidden without --reveal]',
    delivered: c.delivered_at !== null,
  }));
  return {
    terminals: (db.prepare('SELECT id FROM terminals ORDER BY id').all() as { id: string }[]).map((t) => t.id),
    items,
    tickets,
    leases,
    catalogVersion: parts.catalog.catalog()?.version ?? null,
    configs: db.prepare('SELECT terminal_id AS terminalId, version FROM terminal_config').all(),
    ...parts.faceGallery.dump(reveal),
    faceReferences: parts.faceReferences.count(),
    heartbeats,
    commands,
    appointments: parts.appointments.dump(reveal),
    documents: parts.documents.count(),
  };
}
