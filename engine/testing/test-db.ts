import Database from "better-sqlite3";

type Db = Database.Database;
const open = new Map<string, Db>();

/**
 * A connection of the test's own to an engine's database file, for assertions and for setting up
 * rows the way an outside writer would. The engine itself never hands out its connection.
 */
export function testDb(engine: { dbFile: string }): Db {
  let db = open.get(engine.dbFile);
  if (!db) {
    db = new Database(engine.dbFile);
    db.pragma("busy_timeout = 5000");
    open.set(engine.dbFile, db);
  }
  return db;
}

/** Closes the test connections to files under `dir` (before the directory is removed). */
export function closeTestDbs(dir: string): void {
  for (const [file, db] of open) {
    if (!file.startsWith(dir)) continue;
    db.close();
    open.delete(file);
  }
}
