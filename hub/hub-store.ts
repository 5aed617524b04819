// The hub's one database behind every endpoint: terminals and batches here; tickets, appointments, faces, catalog and config, results, commands and the dump in their own files.
import { DEFAULT_HALL_TIME_ZONE } from '../common/time/hall-clock';
import path from 'node:path';
import type { HubDb } from './hub-db';
import { open, seal } from '../base/sealed-box';
import { HUB_KEY_FILE, hubKey, HubKeyError } from './hub-secret-files';
import { payloadProblem } from './payload-rules';
import { batchItemSchema } from '../common/hub-protocol/requests';
import { issuesText } from './issues-text';
import { AppointmentStore } from './appointment-store';
import { TicketAbandonments } from './ticket-abandonments';
import { HubTickets, type IssuedTicket, type Lease } from './ticket-store';
import { FaceReferences } from './face-verify';
import { HubFaceGallery } from './face-gallery-store';
import { HubCatalogConfig } from './catalog-config-store';
import { HubResults, type NewResult } from './results-store';
import { HubNotices } from './notices-store';
import { queueStatus } from './queue-status';
import type { QueueStatusAnswer } from '../common/hub-protocol/answers';
import { HubDocuments } from './document-store';
import { HubCommands, type HubCommand } from './command-store';
import { dumpHub } from './hub-dump';

export type ItemStatus = { key: string; status: 'accepted' | 'duplicate' } | { key: string; status: 'rejected'; reason: string };

export { COMMAND_TYPES, type HubCommand } from './command-store';

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
  /** Official documents a subject may print (hub/document-store.ts, docs/documents.md). */
  readonly documents: HubDocuments;
  /** The hall's notices (GET v1/notices, POST admin/notices). */
  readonly notices: HubNotices;
  private readonly abandonments: TicketAbandonments;
  private readonly tickets: HubTickets;
  private readonly catalogConfig: HubCatalogConfig;
  private readonly resultStore: HubResults;
  private readonly commands: HubCommands;
  private readonly key: Buffer;

  constructor(
    readonly db: HubDb,
    options: {
      demoResults: boolean;
      demoAppointments?: boolean;
      demoDocuments?: boolean;
      key?: Buffer;
      /** The hall clock of the hall this hub serves (IANA zone): ticket days, lease expiry, demo documents. Default Asia/Shanghai. */
      timeZone?: string;
    },
  ) {
    this.key = options.key ?? hubKey(path.dirname(db.name), () => this.sealedRowCount());
    this.checkKeyOpensSealedRows();
    this.appointments = new AppointmentStore(db, { demo: options.demoAppointments ?? false });
    this.catalogConfig = new HubCatalogConfig(db);
    const timeZone = options.timeZone ?? DEFAULT_HALL_TIME_ZONE;
    this.resultStore = new HubResults(db, options.demoResults, timeZone);
    this.documents = new HubDocuments(db, options.demoDocuments ?? options.demoResults, timeZone);
    this.commands = new HubCommands(db);
    this.notices = new HubNotices(db);
    this.abandonments = new TicketAbandonments(db);
    this.tickets = new HubTickets(db, this.abandonments, this.appointments, (code) => this.serviceKnown(code), timeZone);
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
    const terminal = this.db.prepare("SELECT id, secret FROM terminals WHERE typeof(secret) = 'blob' LIMIT 1").get() as
      { id: string; secret: Buffer } | undefined;
    const item = this.db.prepare("SELECT key, payload FROM items WHERE typeof(payload) = 'blob' LIMIT 1").get() as { key: string; payload: Buffer } | undefined;
    try {
      if (terminal) open(this.key, terminal.secret, secretContext(terminal.id));
      if (item) open(this.key, item.payload, payloadContext(item.key));
    } catch (err) {
      const keyFile = path.join(path.dirname(this.db.name), HUB_KEY_FILE);
      throw new HubKeyError(
        `${keyFile} does not open the rows ${this.db.name} holds sealed (${(err as Error).message}): it is not the key they were sealed with; restore that hub.key`,
      );
    }
  }

  /** A hub.db written before payloads and secrets were sealed: seal them now, leaving no clear copy in the file. */
  private sealPlaintextRows(): void {
    const items = this.db.prepare("SELECT arrival, key, payload FROM items WHERE typeof(payload) = 'text'").all() as {
      arrival: number;
      key: string;
      payload: string;
    }[];
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
    const insert = this.db.prepare('INSERT INTO items (key, terminal_id, seq, kind, created_at, payload, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
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

  /** How many outbox items of `kind` the hub has stored (tests; kioskctl hub dump lists them). */
  countItems(kind: string): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM items WHERE kind = ?').get(kind) as { n: number }).n;
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

  // ----- catalog and config (catalog-config-store.ts), results (results-store.ts), commands (command-store.ts)

  catalog(): { version: number; body: Record<string, unknown> } | undefined {
    return this.catalogConfig.catalog();
  }

  /** Publishes a catalog; its version becomes max(given, current + 1). */
  publishCatalog(catalog: Record<string, unknown>, now: number): number {
    return this.catalogConfig.publishCatalog(catalog, now);
  }

  configFor(terminalId: string): { version: number; settings: Record<string, unknown> } {
    return this.catalogConfig.configFor(terminalId);
  }

  pushConfig(terminalId: string, settings: Record<string, unknown>): number {
    return this.catalogConfig.pushConfig(terminalId, settings);
  }

  results(subject: string, now: number): unknown[] {
    return this.resultStore.results(subject, now);
  }

  addResult(subject: string, r: NewResult): string {
    return this.resultStore.addResult(subject, r);
  }

  /** How many wait per category of the published catalog now (GET v1/queue-status). */
  queueStatus(now: number): QueueStatusAnswer {
    return queueStatus(this.catalog()?.body, this.tickets.waitingByService(now), now);
  }

  recordHeartbeat(terminalId: string, body: unknown, now: number): HubCommand[] {
    return this.commands.recordHeartbeat(terminalId, body, now);
  }

  markDelivered(ids: string[], now: number): void {
    this.commands.markDelivered(ids, now);
  }

  enqueueCommand(terminalId: string, type: string, args: Record<string, unknown>, now: number): string {
    return this.commands.enqueueCommand(terminalId, type, args, now);
  }

  /** What the hub holds (kioskctl hub dump). Payloads and subjects only with reveal. */
  dump(reveal = false): Record<string, unknown> {
    const parts = {
      catalog: this.catalogConfig,
      faceGallery: this.faceGallery,
      faceReferences: this.faceReferences,
      appointments: this.appointments,
      documents: this.documents,
    };
    return dumpHub(this.db, { ...parts, openPayload: (key: string, sealed: Buffer) => this.openPayload(key, sealed) }, reveal);
  }
}
