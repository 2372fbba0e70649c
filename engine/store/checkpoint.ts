import type { Db } from "./db";

/**
 * Checkpoints the WAL on the engine's own schedule instead of inside a commit (SQLite's automatic
 * checkpoint made p99 2-9x the group window here). PASSIVE never blocks writers; when the WAL
 * grows past `truncateAboveBytes` a TRUNCATE bounds it.
 */
export function startCheckpoints(db: Db, everyMs = 1000, truncateAbovePages = 16_384): () => void {
  const timer = setInterval(() => {
    const [row] = db.pragma("wal_checkpoint(PASSIVE)") as { log: number }[];
    if (row && row.log > truncateAbovePages) db.pragma("wal_checkpoint(TRUNCATE)");
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
