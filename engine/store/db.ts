import Database from "better-sqlite3";
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from "node:fs";
import path from "node:path";
import { migrate } from "./migrate";

export type Db = Database.Database;

/**
 * How long a statement waits, synchronously, for another connection's write lock: SQLite's busy
 * handler sleeps on the thread that serves HTTP, so the wait is kept short and callers retry
 * asynchronously with backoff (runtime/group-commit.ts). Only another process can hold the lock
 * here: the engine's own connections never keep a transaction open across an await.
 */
export const BUSY_TIMEOUT_MS = 50;

/** Where the embedded database lives unless OMNIFLOW_DB says otherwise. */
export const defaultDbFile = () => path.resolve(process.env.OMNIFLOW_DB ?? "data/omniflow.db");

/**
 * Opens (creating and migrating if needed) the SQLite file the engine writes.
 * WAL with synchronous=FULL: a commit survives power loss, not only a process crash. The group commit
 * (engine/runtime/group-commit) writes with NORMAL and flushes the WAL itself off the event loop before
 * anyone is told it is accepted (store/wal-sync.ts); the engine checkpoints the WAL on a worker thread
 * (store/checkpoint.ts), so no commit pays for an automatic checkpoint and no fsync blocks the event loop. secure_delete
 * zeroes what a write frees (an old snapshot, an erased message), so personal data that was
 * replaced does not linger in free space of the file (engine/privacy).
 */
export function openDatabase(file = defaultDbFile()): Db {
  createPrivately(file);
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("busy_timeout = 5000"); // starting up: nothing is served yet, so migrating may wait
  db.pragma("foreign_keys = ON");
  db.pragma("wal_autocheckpoint = 0");
  db.pragma("secure_delete = ON");
  migrate(db);
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  return db;
}

/**
 * Runs `fn` waiting up to `ms` for the write lock, for a synchronous caller that has no way to try
 * again later (an audit append inside a request); it blocks the event loop for that long at most.
 */
export function withBusyWait<R>(db: Db, ms: number, fn: () => R): R {
  db.pragma(`busy_timeout = ${ms}`);
  try {
    return fn();
  } finally {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}

/**
 * The database holds customers' conversations and sealed credentials: only its owner may read it.
 * A new file (and a data folder we create) is made private before SQLite opens it; SQLite gives
 * its -wal and -shm files the database file's mode. A file we own left readable by others (an
 * older install) is narrowed.
 */
export function createPrivately(file: string) {
  const dir = path.dirname(file);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!existsSync(file)) closeSync(openSync(file, "wx", 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    if (!existsSync(f)) continue;
    const stat = statSync(f);
    if ((stat.mode & 0o077) !== 0 && stat.uid === process.getuid?.()) chmodSync(f, 0o600);
  }
}

const DAY_MS = 86_400_000;
const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * ISO-8601 in UTC, the DateTime format Prisma reads back from SQLite: `new Date(ms).toISOString()`'s
 * text, computed with arithmetic (days to civil date, H. Hinnant's algorithm). A step writes a dozen
 * of them, and inside the server Next.js replaces the global `Date` with a wrapper that makes each
 * `new Date` several times slower. Years outside 0-9999 (never an engine time) take the slow road.
 */
export function iso(ms: number): string {
  const t = Math.trunc(ms);
  if (!(t >= -62_167_219_200_000 && t < 253_402_300_800_000)) return new Date(ms).toISOString();
  const days = Math.floor(t / DAY_MS);
  const inDay = t - days * DAY_MS;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153); // months from March
  const day = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  const h = Math.floor(inDay / 3_600_000);
  const m = Math.floor(inDay / 60_000) % 60;
  const s = Math.floor(inDay / 1000) % 60;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(h)}:${pad(m)}:${pad(s)}.${pad(inDay % 1000, 3)}Z`;
}
