import Database from 'better-sqlite3';
import path from 'node:path';
import { openDurableDatabase } from '../base/durable-database';

export type HubDb = Database.Database;
export const HUB_DB_FILE = 'hub.db';

const MIGRATIONS: string[] = [
  `CREATE TABLE terminals (
     id TEXT PRIMARY KEY,
     secret TEXT NOT NULL,
     added_at INTEGER NOT NULL
   );
   -- Every accepted outbox item; arrival gives the order in which the hub stored them.
   CREATE TABLE items (
     arrival INTEGER PRIMARY KEY AUTOINCREMENT,
     key TEXT NOT NULL UNIQUE,
     terminal_id TEXT NOT NULL,
     seq INTEGER NOT NULL,
     kind TEXT NOT NULL,
     created_at TEXT NOT NULL,
     payload TEXT NOT NULL,
     received_at INTEGER NOT NULL
   );
   CREATE INDEX items_terminal ON items (terminal_id, arrival);
   -- Next number per service and hub-local day, shared by online tickets and leases.
   CREATE TABLE numbering (
     service_code TEXT NOT NULL,
     day TEXT NOT NULL,
     next_number INTEGER NOT NULL,
     PRIMARY KEY (service_code, day)
   );
   CREATE TABLE tickets (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     key TEXT NOT NULL UNIQUE,
     terminal_id TEXT NOT NULL,
     service_code TEXT NOT NULL,
     day TEXT NOT NULL,
     number INTEGER NOT NULL,
     display TEXT NOT NULL,
     priority INTEGER NOT NULL,
     subject TEXT,
     appointment_id TEXT,
     issued_at TEXT NOT NULL,
     source TEXT NOT NULL CHECK (source IN ('online', 'offline')),
     called INTEGER NOT NULL DEFAULT 0,
     UNIQUE (service_code, day, number)
   );
   CREATE TABLE leases (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     terminal_id TEXT NOT NULL,
     service_code TEXT NOT NULL,
     day TEXT NOT NULL,
     first INTEGER NOT NULL,
     last INTEGER NOT NULL,
     prefix TEXT NOT NULL,
     expires_at TEXT NOT NULL
   );
   CREATE INDEX leases_lookup ON leases (terminal_id, service_code, day);
   CREATE TABLE catalog (
     version INTEGER PRIMARY KEY,
     body TEXT NOT NULL,
     published_at INTEGER NOT NULL
   );
   CREATE TABLE terminal_config (
     terminal_id TEXT PRIMARY KEY,
     version INTEGER NOT NULL,
     settings TEXT NOT NULL
   );
   CREATE TABLE gallery (
     cursor INTEGER PRIMARY KEY AUTOINCREMENT,
     subject TEXT NOT NULL,
     op TEXT NOT NULL CHECK (op IN ('put', 'delete')),
     template TEXT,
     at INTEGER NOT NULL
   );
   CREATE TABLE results (
     id TEXT PRIMARY KEY,
     subject TEXT NOT NULL,
     title TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('ready', 'in-progress', 'rejected')),
     printable INTEGER NOT NULL,
     body TEXT NOT NULL
   );
   CREATE INDEX results_subject ON results (subject);
   CREATE TABLE results_seeded (subject TEXT PRIMARY KEY);
   CREATE TABLE heartbeats (
     terminal_id TEXT PRIMARY KEY,
     received_at INTEGER NOT NULL,
     body TEXT NOT NULL
   );
   CREATE TABLE commands (
     id TEXT PRIMARY KEY,
     terminal_id TEXT NOT NULL,
     type TEXT NOT NULL,
     args TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     delivered_at INTEGER
   );
   CREATE INDEX commands_pending ON commands (terminal_id, delivered_at);`,
  // Appointments (docs/appointments.md): looked up by QR code or subject, checked in once.
  `CREATE TABLE appointments (
     id TEXT PRIMARY KEY,
     code TEXT NOT NULL UNIQUE,
     subject TEXT,
     service_code TEXT NOT NULL,
     slot_start TEXT NOT NULL,
     slot_end TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('booked', 'checked-in', 'cancelled')),
     checked_in_at TEXT,
     ticket_key TEXT,
     demo_case TEXT
   );
   CREATE INDEX appointments_subject ON appointments (subject);
   CREATE TABLE appointments_seeded (subject TEXT PRIMARY KEY);`,
  // Request ids seen within the timestamp window (protocol v2, docs/hub-protocol.md): a replayed
  // request is refused, also after a restart of the hub.
  `CREATE TABLE request_ids (
     terminal_id TEXT NOT NULL,
     request_id TEXT NOT NULL,
     expires_at INTEGER NOT NULL,
     PRIMARY KEY (terminal_id, request_id)
   ) WITHOUT ROWID;
   CREATE INDEX request_ids_expiry ON request_ids (expires_at);`,
  // The request ids moved to their own file, request-ids.db (hub/request-id-ledger.ts): written per
  // request without fsync, which hub.db's synchronous = FULL would not allow.
  `DROP TABLE request_ids;`,
  // Reference faces for 人证核验 (POST v1/faces/verify, docs/hub-protocol.md, “人证核验”), sealed with hub.key.
  `CREATE TABLE face_references (
     subject TEXT PRIMARY KEY,
     template BLOB NOT NULL,
     added_at INTEGER NOT NULL
   );`,
  // Official documents a subject may print (docs/documents.md): a demo one is drawn from `demo` at
  // the first fetch; one put by admin/documents holds its PDF bytes as given.
  `CREATE TABLE documents (
     id TEXT PRIMARY KEY,
     subject TEXT NOT NULL,
     title TEXT NOT NULL,
     issuer TEXT NOT NULL,
     pages INTEGER NOT NULL,
     valid_until TEXT,
     demo TEXT,
     pdf BLOB,
     sha256 TEXT,
     added INTEGER NOT NULL
   );
   CREATE INDEX documents_subject ON documents (subject, added);
   CREATE TABLE documents_seeded (subject TEXT PRIMARY KEY);`,
  // What a result says beyond its status (dates, department, reason, next step; docs/hub-protocol.md,
  // “Result details”), and the hall's notices (GET v1/notices): one row per version set by admin/notices.
  `ALTER TABLE results ADD COLUMN details TEXT NOT NULL DEFAULT '{}';
   CREATE TABLE notices (
     version INTEGER PRIMARY KEY,
     body TEXT NOT NULL,
     set_at INTEGER NOT NULL
   );`,
];

/** Opens (creating and migrating) the reference hub's database in dataDir. */
export function openHubDb(dataDir: string): HubDb {
  const file = path.join(dataDir, HUB_DB_FILE);
  return openDurableDatabase(file, (db) => {
    for (;;) {
      const v = db.pragma('user_version', { simple: true }) as number;
      if (v > MIGRATIONS.length) throw new Error(`hub.db schema version ${v} is newer than this program (${MIGRATIONS.length})`);
      if (v === MIGRATIONS.length) break;
      db.transaction(() => {
        if ((db.pragma('user_version', { simple: true }) as number) !== v) return;
        db.exec(MIGRATIONS[v]!);
        db.pragma(`user_version = ${v + 1}`);
      }).immediate();
    }
  });
}
