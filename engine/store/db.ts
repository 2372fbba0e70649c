import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { migrate } from "./migrate";

export type Db = Database.Database;

/** Where the embedded database lives unless OMNIFLOW_DB says otherwise. */
export const defaultDbFile = () => path.resolve(process.env.OMNIFLOW_DB ?? "data/omniflow.db");

/**
 * Opens (creating and migrating if needed) the SQLite file the engine writes.
 * WAL with synchronous=NORMAL: a commit survives a process crash; the engine checkpoints the WAL
 * itself (see store/checkpoint.ts) so no commit pays for an automatic checkpoint. secure_delete
 * zeroes what a write frees (an old snapshot, an erased message), so personal data that was
 * replaced does not linger in free space of the file (engine/privacy).
 */
export function openDatabase(file = defaultDbFile()): Db {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  db.pragma("wal_autocheckpoint = 0");
  db.pragma("secure_delete = ON");
  migrate(db);
  return db;
}

/** ISO-8601, the DateTime format Prisma reads back from SQLite. */
export const iso = (ms: number) => new Date(ms).toISOString();
