// Over 300 lines: the hub's one database behind every endpoint (terminals, batches and their effects, catalog, config, results, commands, dump); tickets, appointments and faces are apart (ticket-store.ts, appointment-store.ts, face-gallery-store.ts).
import { createHash, randomUUID } from 'node:crypto';
import path from 'node:path';
import type { HubDb } from './hub-db';
import { open, seal } from '../base/sealed-box';
import { HUB_KEY_FILE, hubKey, HubKeyError } from './hub-secret-files';
import { payloadProblem } from './payload-rules';
import { batchItemSchema } from '../common/hub-protocol/requests';
import { issuesText } from './issues-text';
import { demoResultsFor } from './demo-results';
import { AppointmentStore } from './appointment-store';
import { TicketAbandonments } from './ticket-abandonments';
import { HubTickets, type IssuedTicket, type Lease } from './ticket-store';
import { FaceReferences } from './face-verify';
import { HubFaceGallery } from './face-gallery-store';

export type ItemStatus = { key: string; status: 'accepted' | 'duplicate' } | { key: string; status: 'rejected'; reason: string };

export interface HubCommand {
  id: string;
  type: string;
  args: Record<string, unknown>;
}

export const COMMAND_TYPES = ['reload-config', 'reload-catalog', 'purge-subject'] as const;

const payloadContext = (key: string) => `items.payload:${key}`;
const secretContext = (terminalId: string) => `terminals.secret:${terminalId}`;

/**
 * Everything the reference hub stores, one method per protocol operation. Each operation is one
 * SQLite transaction: an accepted item and its key are stored together (idempotency).
 * Submission payloads and terminal secrets are sealed (AES-256-GCM) with the hub's key, by default
 * `hub.key` beside hub.db; the hub needs a secret itself to check signatures, so it is sealed, not hashed.
 */
export class HubStore {
  readonly appointments: AppointmentStore;
  /** Reference faces for 人证核验 (POST v1/faces/verify). */
  readonly faceReferences: FaceReferences;
  /** Shared face bindings, their deletion at every terminal, processing records (hub/face-gallery-store.ts). */
  readonly faceGallery: HubFaceGallery;
  private readonly abandonments: TicketAbandonments;
  private readonly tickets: HubTickets;
  private readonly key: Buffer;

  constructor(
    readonly db: HubDb,
    private readonly options: { demoResults: boolean; demoAppointments?: boolean; key?: Buffer },
  ) {
    this.key = options.key ?? hubKey(path.dirname(db.name), () => this.sealedRowCount());
    this.checkKeyOpensSealedRows();
    this.appointments = new AppointmentStore(db, { demo: options.demoAppointments ?? false });
    this.abandonments = new TicketAbandonments(db);
    this.tickets = new HubTickets(db, this.abandonments, this.appointments, (code) => this.serviceKnown(code));
    this.faceReferences = new FaceReferences(db, this.key);
    this.faceGallery = new HubFaceGallery(db, {
      seal: (key, payload) => seal(this.key, Buffer.from(JSON.stringify(payload), 'utf8'), payloadContext(key)),
      open: (key, sealed) => this.openPayload(key, sealed),
    });
    this.sealPlaintextRows();
  }

  private sealedRowCount(): number {
    const row = this.db
      .prepare("SELECT (SELECT COUNT(*) FROM items WHERE typeof(payload) = 'blob') + (SELECT COUNT(*) FROM terminals WHERE typeof(secret) = 'blob') AS n")
      .get() as { n: number };
    return row.n;
  }

  /** A hub.key that is not the one hub.db's rows were sealed with is said at open, not at the first request. */
  private checkKeyOpensSealedRows(): void {
    const terminal = this.db.prepare("SELECT id, secret FROM terminals WHERE typeof(secret) = 'blob' LIMIT 1").get() as { id: string; secret: Buffer } | undefined;
    const item = this.db.prepare("SELECT key, payload FROM items WHERE typeof(payload) = 'blob' LIMIT 1").get() as { key: string; payload: Buffer } | undefined;
    try {
      if (terminal) open(this.key, terminal.secret, secretContext(terminal.id));
      if (item) open(this.key, item.payload, payloadContext(item.key));
    } catch (err) {
      const keyFile = path.join(path.dirname(this.db.name), HUB_KEY_FILE);
      throw new HubKeyError(`${keyFile} does not open the rows ${this.db.name} holds sealed (${(err as Error).message}): it is not the key they were sealed with; restore that hub.key`);
    }
  }

  /** A hub.db written before payloads and secrets were sealed: seal them now, leaving no clear copy in the file. */
  private sealPlaintextRows(): void {
    const items = this.db.prepare("SELECT arrival, key, payload FROM items WHERE typeof(payload) = 'text'").all() as { arrival: number; key: string; payload: string }[];
    const terminals = this.db.prepare("SELECT id, secret FROM terminals WHERE typeof(secret) = 'text'").all() as { id: string; secret: string }[];
    if (items.length === 0 && terminals.length === 0) return;
    const secureDelete = this.db.pragma('secure_delete', { simple: true }) as number;
    this.db.pragma('secure_delete = ON');
    try {
      this.db
        .transaction(() => {
          const item = this.db.prepare('UPDATE items SET payload = ? WHERE arrival = ?');
          for (const r of items) item.run(seal(this.key, Buffer.from(r.payload, 'utf8'), payloadContext(r.key)), r.arrival);
          const terminal = this.db.prepare('UPDATE terminals SET secret = ? WHERE id = ?');
          for (const t of terminals) terminal.run(seal(this.key, Buffer.from(t.secret, 'utf8'), secretContext(t.id)), t.id);
        })
        .immediate();
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.db.pragma(`secure_delete = ${secureDelete}`);
    }
  }

  /** A stored payload for dump --reveal; one that cannot be opened (hub.key replaced, row tampered) is said, not thrown. */
  private openPayload(key: string, sealed: Buffer): unknown {
    try {
      return JSON.parse(open(this.key, sealed, payloadContext(key)).toString('utf8')) as unknown;
    } catch (err) {
      return `[cannot be opened: ${(err as Error).message}]`;
    }
  }

  // ----- terminals

  addTerminal(id: string, secret: string, now: number): void {
    this.db
      .prepare('INSERT INTO terminals (id, secret, added_at) VALUES (?, ?, ?) ON CONFLICT(id) DO UPDATE SET secret = excluded.secret')
      .run(id, seal(this.key, Buffer.from(secret, 'utf8'), secretContext(id)), now);
  }

  secretOf(id: string): string | undefined {
    const row = this.db.prepare('SELECT secret FROM terminals WHERE id = ?').get(id) as { secret: Buffer } | undefined;
    return row ? open(this.key, row.secret, secretContext(id)).toString('utf8') : undefined;
  }

  // ----- batches

  storeBatch(terminalId: string, items: unknown[], now: number): ItemStatus[] {
    const insert = this.db.prepare(
      'INSERT INTO items (key, terminal_id, seq, kind, created_at, payload, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const exists = this.db.prepare('SELECT 1 FROM items WHERE key = ?');
    const results = this.db
      .transaction(() =>
        items.map((raw): ItemStatus => {
          const key = String((raw as { key: unknown }).key);
          if (exists.get(key)) return { key, status: 'duplicate' };
          const parsed = batchItemSchema.safeParse(raw);
          if (!parsed.success) return { key, status: 'rejected', reason: `schema: ${issuesText(parsed.error)}` };
          const item = parsed.data;
          const problem = payloadProblem(item.kind, item.payload) ?? this.applyEffect(terminalId, item.key, item.kind, item.payload, now);
          if (problem) return { key, status: 'rejected', reason: problem };
          const payload = seal(this.key, Buffer.from(JSON.stringify(item.payload), 'utf8'), payloadContext(item.key));
          insert.run(item.key, terminalId, item.seq, item.kind, item.createdAt, payload, now);
          return { key, status: 'accepted' };
        }),
      )
      .immediate();
    this.faceGallery.afterBatch();
    return results;
  }

  /** The side effect of an accepted item on the hall's state; returns a rejection reason or null. */
  private applyEffect(terminalId: string, key: string, kind: string, p: Record<string, unknown>, now: number): string | null {
    if (kind === 'ticket.abandoned') {
      return this.abandonments.record(terminalId, p.ticketKey as string, now);
    } else if (kind === 'ticket.issued') {
      return this.tickets.recordIssued(terminalId, key, p);
    } else if (kind === 'appointment.checked-in') {
      return this.appointments.recordCheckedIn(p.appointmentId as string, typeof p.checkedInAt === 'string' ? p.checkedInAt : new Date(now).toISOString());
    } else if (kind === 'face.bound') {
      return this.faceGallery.bound(terminalId, key, p as { subject: string; template: string; shared: boolean }, now);
    } else if (kind === 'face.unbound') {
      this.faceGallery.unbound(p.subject as string, now, terminalId);
    } else if (kind === 'face.processing-record') {
      this.faceGallery.processingRecord(terminalId, p as { id: string; event: string; at: string; subject: string; detail: unknown }, now);
    }
    return null;
  }

  // ----- tickets and leases (hub/ticket-store.ts)

  private serviceKnown(code: string): boolean {
    const catalog = this.catalog();
    return catalog === undefined || (catalog.body as { services: { code: string }[] }).services.some((s) => s.code === code);
  }

  issueTicket(
    terminalId: string,
    req: { key: string; serviceCode: string; priority: boolean; subject: string | null; appointmentId: string | null },
    now: number,
  ): IssuedTicket {
    return this.tickets.issue(terminalId, req, now);
  }

  leaseNumbers(terminalId: string, serviceCodes: string[], size: number, now: number): Lease[] {
    return this.tickets.lease(terminalId, serviceCodes, size, now);
  }

  // ----- catalog and config

  catalog(): { version: number; body: Record<string, unknown> } | undefined {
    const row = this.db.prepare('SELECT version, body FROM catalog ORDER BY version DESC LIMIT 1').get() as
      | { version: number; body: string }
      | undefined;
    return row ? { version: row.version, body: JSON.parse(row.body) as Record<string, unknown> } : undefined;
  }

  /** Publishes a catalog; its version becomes max(given, current + 1). */
  publishCatalog(catalog: Record<string, unknown>, now: number): number {
    return this.db
      .transaction(() => {
        const current = this.catalog()?.version ?? 0;
        const given = typeof catalog.version === 'number' ? catalog.version : 0;
        const version = this.catalog() === undefined ? given : Math.max(given, current + 1);
        const body = { ...catalog, version };
        this.db.prepare('INSERT INTO catalog (version, body, published_at) VALUES (?, ?, ?)').run(version, JSON.stringify(body), now);
        return version;
      })
      .immediate();
  }

  configFor(terminalId: string): { version: number; settings: Record<string, unknown> } {
    const row = this.db.prepare('SELECT version, settings FROM terminal_config WHERE terminal_id = ?').get(terminalId) as
      | { version: number; settings: string }
      | undefined;
    return row ? { version: row.version, settings: JSON.parse(row.settings) as Record<string, unknown> } : { version: 0, settings: {} };
  }

  pushConfig(terminalId: string, settings: Record<string, unknown>): number {
    return this.db
      .transaction(() => {
        const version = this.configFor(terminalId).version + 1;
        this.db
          .prepare(
            'INSERT INTO terminal_config (terminal_id, version, settings) VALUES (?, ?, ?) ON CONFLICT(terminal_id) DO UPDATE SET version = excluded.version, settings = excluded.settings',
          )
          .run(terminalId, version, JSON.stringify(settings));
        return version;
      })
      .immediate();
  }

  // ----- results

  results(subject: string): unknown[] {
    if (this.options.demoResults) this.seedDemoResults(subject);
    const rows = this.db.prepare('SELECT id, title, status, printable, body FROM results WHERE subject = ? ORDER BY id').all(subject) as {
      id: string;
      title: string;
      status: string;
      printable: number;
      body: string;
    }[];
    return rows.map((r) => ({ id: r.id, title: JSON.parse(r.title), status: r.status, printable: r.printable === 1, body: JSON.parse(r.body) }));
  }

  addResult(subject: string, r: { id?: string; title: unknown; status: string; printable: boolean; body: unknown }): string {
    const id = r.id ?? randomUUID();
    this.db
      .prepare('INSERT INTO results (id, subject, title, status, printable, body) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, subject, JSON.stringify(r.title), r.status, r.printable ? 1 : 0, JSON.stringify(r.body));
    return id;
  }

  private seedDemoResults(subject: string): void {
    this.db
      .transaction(() => {
        if (this.db.prepare('SELECT 1 FROM results_seeded WHERE subject = ?').get(subject)) return;
        this.db.prepare('INSERT INTO results_seeded (subject) VALUES (?)').run(subject);
        const seed = createHash('sha256').update(subject).digest();
        for (const r of demoResultsFor(seed)) this.addResult(subject, r);
      })
      .immediate();
  }

  // ----- heartbeat and commands

  recordHeartbeat(terminalId: string, body: unknown, now: number): HubCommand[] {
    return this.db
      .transaction(() => {
        this.db
          .prepare(
            'INSERT INTO heartbeats (terminal_id, received_at, body) VALUES (?, ?, ?) ON CONFLICT(terminal_id) DO UPDATE SET received_at = excluded.received_at, body = excluded.body',
          )
          .run(terminalId, now, JSON.stringify(body));
        const rows = this.db
          .prepare('SELECT id, type, args FROM commands WHERE terminal_id = ? AND delivered_at IS NULL ORDER BY created_at, id')
          .all(terminalId) as { id: string; type: string; args: string }[];
        return rows.map((r) => ({ id: r.id, type: r.type, args: JSON.parse(r.args) as Record<string, unknown> }));
      })
      .immediate();
  }

  markDelivered(ids: string[], now: number): void {
    const stmt = this.db.prepare('UPDATE commands SET delivered_at = ? WHERE id = ? AND delivered_at IS NULL');
    this.db.transaction(() => ids.forEach((id) => stmt.run(now, id))).immediate();
  }

  enqueueCommand(terminalId: string, type: string, args: Record<string, unknown>, now: number): string {
    if (!(COMMAND_TYPES as readonly string[]).includes(type)) throw new Error(`unknown command type "${type}"; expected ${COMMAND_TYPES.join(', ')}`);
    const id = randomUUID();
    this.db.prepare('INSERT INTO commands (id, terminal_id, type, args, created_at) VALUES (?, ?, ?, ?, ?)').run(id, terminalId, type, JSON.stringify(args), now);
    return id;
  }

  // ----- inspection

  /** What the hub holds (kioskctl hub dump). Payloads and subjects only with reveal. */
  dump(reveal = false): Record<string, unknown> {
    const items = (
      this.db.prepare('SELECT arrival, key, terminal_id, seq, kind, created_at, payload, received_at FROM items ORDER BY arrival').all() as {
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
      ...(reveal ? { payload: this.openPayload(r.key, r.payload) } : {}),
    }));
    const tickets = (
      this.db
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
      this.db.prepare('SELECT terminal_id, service_code, day, first, last, expires_at FROM leases ORDER BY id').all() as {
        terminal_id: string;
        service_code: string;
        day: string;
        first: number;
        last: number;
        expires_at: string;
      }[]
    ).map((l) => ({ terminalId: l.terminal_id, serviceCode: l.service_code, day: l.day, from: l.first, to: l.last, expiresAt: l.expires_at }));
    const heartbeats = (this.db.prepare('SELECT terminal_id, received_at, body FROM heartbeats').all() as { terminal_id: string; received_at: number; body: string }[]).map(
      (h) => ({ terminalId: h.terminal_id, receivedAt: new Date(h.received_at).toISOString(), body: JSON.parse(h.body) as unknown }),
    );
    const commands = (
      this.db.prepare('SELECT id, terminal_id, type, args, created_at, delivered_at FROM commands ORDER BY created_at').all() as {
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
      terminals: (this.db.prepare('SELECT id FROM terminals ORDER BY id').all() as { id: string }[]).map((t) => t.id),
      items,
      tickets,
      leases,
      catalogVersion: this.catalog()?.version ?? null,
      configs: this.db.prepare('SELECT terminal_id AS terminalId, version FROM terminal_config').all(),
      ...this.faceGallery.dump(reveal),
      faceReferences: this.faceReferences.count(),
      heartbeats,
      commands,
      appointments: this.appointments.dump(reveal),
    };
  }
}
