import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Db } from "./db";

/**
 * The WAL checkpointer, on a worker thread with its own connection. SQLite's automatic checkpoint
 * inside a commit made p99 2-9x the group window, and on the event loop a checkpoint's fsync of the
 * database and WAL files (100-257 ms under load here) froze intake and pages for its duration.
 * Every `everyMs` a PASSIVE checkpoint (never blocks writers) copies what was committed since; when
 * the WAL grows past `truncateAbovePages`, a TRUNCATE bounds it.
 */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma("busy_timeout = 1000");
db.pragma("synchronous = FULL");
const tick = () => {
  try {
    if (workerData.announce) parentPort.postMessage({ checkpointing: true });
    const [row] = db.pragma("wal_checkpoint(PASSIVE)");
    if (row && row.log > workerData.truncateAbovePages) db.pragma("wal_checkpoint(TRUNCATE)");
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) }); // busy or I/O: the next tick tries again
  }
};
const timer = setInterval(tick, workerData.everyMs);
parentPort.on("message", () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

const driver = createRequire(import.meta.url).resolve("better-sqlite3");

/** `checkpointing` (fault injection for tests) is called on this thread as each checkpoint starts on the worker's. */
export function startCheckpoints(file: string, everyMs = 100, truncateAbovePages = 16_384, checkpointing?: () => void): () => Promise<void> {
  const workerData = { file, driver, everyMs, truncateAbovePages, announce: !!checkpointing };
  const worker = new Worker(WORKER, { eval: true, workerData });
  let lastWarning = 0;
  worker.on("message", (m: { error?: string; checkpointing?: true }) => {
    if (m.checkpointing) return checkpointing?.();
    // A failed checkpoint costs nothing but WAL growth; say so at most once a minute.
    if (m.error && Date.now() - lastWarning > 60_000) {
      lastWarning = Date.now();
      console.warn(`WAL checkpoint skipped: ${m.error}`);
    }
  });
  worker.on("error", (error) => console.error("the WAL checkpointer stopped", error));
  worker.unref();
  return () => {
    const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
    worker.postMessage("stop");
    return exited;
  };
}

/**
 * Copies the whole WAL into the database file and truncates it to nothing, so page images written
 * before an erasure do not survive in it. False when a reader kept part of it (the next try will do).
 */
export function truncateWal(db: Db): boolean {
  const [row] = db.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
  return row?.busy === 0;
}
