import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Db } from "./db";

/**
 * The WAL checkpointer, on a worker thread with its own connection. SQLite's automatic checkpoint
 * inside a commit made p99 2-9x the group window, and on the event loop a checkpoint's fsync of the
 * database and WAL files (100-257 ms under load here) froze intake and pages for its duration.
 *
 * Every `everyMs` a PASSIVE checkpoint (never blocks writers) copies what was committed since. The WAL
 * starts over from its beginning only when a writer begins while every frame is already copied; under
 * steady intake a commit nearly always lands during the checkpoint, so that moment never came, the WAL
 * grew ~17,000 pages a second, and the TRUNCATE that bounded it held the write lock 35-55 ms each
 * second (the event loop slept in SQLite's busy handler: bench (c2e) p99 ~55 ms). So when the WAL passes
 * `restartAbovePages`, the worker asks the writer for a quiet moment: the engine holds its next commit
 * (`quiet`, off the event loop), the worker copies the few frames written since, and the held commit then
 * begins on a fully copied WAL and writes from its start. A TRUNCATE above `truncateAbovePages` stays as the
 * backstop (another process writing, a writer that never paused).
 */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma("busy_timeout = 1000");
db.pragma("synchronous = FULL");
const checkpoint = () => {
  if (workerData.announce) parentPort.postMessage({ checkpointing: true });
  const [row] = db.pragma("wal_checkpoint(PASSIVE)");
  return row;
};
const guarded = (fn) => {
  try {
    fn();
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) }); // busy or I/O: the next tick tries again
  }
};
let asked = false;
const tick = () => guarded(() => {
  if (asked) return;
  const row = checkpoint();
  if (!row) return;
  if (row.log > workerData.truncateAbovePages) db.pragma("wal_checkpoint(TRUNCATE)");
  else if (row.log > workerData.restartAbovePages && workerData.quiet) {
    asked = true;
    parentPort.postMessage({ quiet: true });
  }
});
const timer = setInterval(tick, workerData.everyMs);
parentPort.on("message", (m) => {
  if (m === "quiet") {
    guarded(checkpoint); // the writer is holding its commits: this copies what is left
    asked = false;
    return parentPort.postMessage({ resume: true });
  }
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

// Found when checkpoints start, not as this module loads (the server's start-up snapshot would keep the build's folder).
const driver = () => createRequire(import.meta.url).resolve("better-sqlite3");

export type CheckpointOptions = {
  everyMs?: number;
  restartAbovePages?: number;
  truncateAbovePages?: number;
  /** Holds the engine's commits until the returned function is called (runtime/group-commit.ts `hold`). */
  quiet?: () => () => void;
  /** Fault injection for tests: called on this thread as each checkpoint starts on the worker's. */
  checkpointing?: () => void;
};

/** How long the writer's commits may be held for a quiet moment at most, whatever the worker does. */
const MAX_QUIET_MS = 50;

export function startCheckpoints(file: string, options: CheckpointOptions = {}): () => Promise<void> {
  const { everyMs = 100, restartAbovePages = 4096, truncateAbovePages = 16_384, quiet, checkpointing } = options;
  const workerData = { file, driver: driver(), everyMs, restartAbovePages, truncateAbovePages, quiet: !!quiet, announce: !!checkpointing };
  const worker = new Worker(WORKER, { eval: true, workerData });
  let lastWarning = 0;
  let release: (() => void) | null = null;
  let stopping = false;
  const resume = () => {
    release?.();
    release = null;
  };
  worker.on("message", (m: { error?: string; checkpointing?: true; quiet?: true; resume?: true }) => {
    if (m.checkpointing) return checkpointing?.();
    // Once stopping, a request still on its way holds nothing: the writer's commits go on.
    if (m.quiet && quiet && !stopping) {
      // This runs between commits (they are synchronous on this thread): none is open now.
      release = quiet();
      // Not unref'd: commits held here must still run in a process that nothing else keeps alive (a script).
      setTimeout(resume, MAX_QUIET_MS);
      return worker.postMessage("quiet");
    }
    if (m.resume) return resume();
    // A failed checkpoint costs nothing but WAL growth; say so at most once a minute.
    if (m.error && Date.now() - lastWarning > 60_000) {
      lastWarning = Date.now();
      console.warn(`WAL checkpoint skipped: ${m.error}`);
    }
  });
  worker.on("error", (error) => console.error("the WAL checkpointer stopped", error));
  worker.unref();
  return () => {
    stopping = true;
    resume();
    const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
    worker.ref(); // whoever awaits the stop is kept alive until the worker has closed its connection
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
