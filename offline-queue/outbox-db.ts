import Database from 'better-sqlite3';
import { openDurableDatabase } from '../base/durable-database';

export type SqliteDb = Database.Database;

export const OUTBOX_DB_FILE = 'outbox.db';

/**
 * Schema migrations of outbox.db, applied in order; `PRAGMA user_version` records how many ran.
 * Never edit a migration that has shipped: append a new one.
 */
const MIGRATIONS: string[] = [
  // 1: the outbox. AUTOINCREMENT keeps `seq` from ever being reused, even after rows are deleted.
  `CREATE TABLE outbox (
     seq INTEGER PRIMARY KEY AUTOINCREMENT,
     key TEXT NOT NULL UNIQUE,
     kind TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     payload BLOB NOT NULL,
     size INTEGER NOT NULL,
     state TEXT NOT NULL CHECK (state IN ('pending', 'in-flight', 'acknowledged', 'dead')),
     attempts INTEGER NOT NULL DEFAULT 0,
     acknowledged_at INTEGER,
     dead_at INTEGER,
     dead_reason TEXT
   );
   CREATE INDEX outbox_state_seq ON outbox (state, seq);
   CREATE INDEX outbox_ack ON outbox (acknowledged_at) WHERE state = 'acknowledged';`,
  // 2: ticket-number leases, cached hub documents, small sync state, executed hub commands.
  `CREATE TABLE leases (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     service_code TEXT NOT NULL,
     prefix TEXT NOT NULL,
     first INTEGER NOT NULL,
     last INTEGER NOT NULL,
     next INTEGER NOT NULL,
     expires_at INTEGER NOT NULL
   );
   CREATE INDEX leases_service ON leases (service_code, expires_at);
   CREATE TABLE cached_documents (
     name TEXT PRIMARY KEY,
     version INTEGER NOT NULL,
     body TEXT NOT NULL,
     fetched_at INTEGER NOT NULL
   );
   CREATE TABLE sync_state (
     name TEXT PRIMARY KEY,
     value TEXT NOT NULL
   );
   CREATE TABLE executed_commands (
     id TEXT PRIMARY KEY,
     executed_at INTEGER NOT NULL
   );`,
];

export const OUTBOX_SCHEMA_VERSION = MIGRATIONS.length;

/** Opens (creating and migrating) outbox.db: WAL, synchronous=FULL, so a commit survives power loss. */
export function openOutboxDb(file: string): SqliteDb {
  return openDurableDatabase(file, (db) => {
    db.pragma('foreign_keys = ON');
    migrate(db);
  });
}

function migrate(db: SqliteDb): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`outbox.db has schema version ${current}, newer than this program knows (${MIGRATIONS.length}); refusing to open it`);
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      // Another process may have migrated meanwhile: re-read under the write lock.
      if ((db.pragma('user_version', { simple: true }) as number) !== v) return;
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}
