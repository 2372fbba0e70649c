/**
 * Another process holding the database's write lock (a backup, a migration, an admin's shell):
 * BEGIN IMMEDIATE, print "locked", hold it for <ms>, commit, exit.
 * Usage: node tests/integration/lock-holder.ts is spawned by holdWriteLock() below.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

const SELF = fileURLToPath(import.meta.url);

/** Spawns a child that holds the write lock on `file` for `ms`; resolves once it holds it, with a promise of its exit. */
export function holdWriteLock(file: string, ms: number): Promise<{ released: Promise<number | null> }> {
  const child = spawn(process.execPath, ["--import", "tsx", SELF, file, String(ms)], { stdio: ["ignore", "pipe", "inherit"] });
  const released = new Promise<number | null>((resolve) => child.on("exit", resolve));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("locked") && resolve({ released }));
    void released.then((code) => reject(new Error(`the lock holder exited (${code}) before it held the lock`)));
  });
}

if (process.argv[1] === SELF) {
  const [file, ms] = process.argv.slice(2);
  const db = new Database(file);
  db.pragma("busy_timeout = 10000");
  db.exec("BEGIN IMMEDIATE");
  process.stdout.write("locked\n");
  setTimeout(() => {
    db.exec("COMMIT");
    db.close();
  }, Number(ms));
}
