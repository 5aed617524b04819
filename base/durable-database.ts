import Database from 'better-sqlite3';
import { preparePrivateDatabase, tightenDatabaseFiles } from './private-files';

/**
 * Opens a SQLite file whose commits must survive a power cut: private (0600, its WAL and SHM too),
 * WAL with synchronous=FULL, and a 10 s busy timeout for another process's write. `setUp` then
 * migrates it; if anything fails, the file is closed again before the error goes on.
 */
export function openDurableDatabase(file: string, setUp: (db: Database.Database) => void = () => undefined): Database.Database {
  preparePrivateDatabase(file);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    tightenDatabaseFiles(file);
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 10000');
    setUp(db);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}
