import type { Db } from "./db";

/**
 * Checkpoints the WAL on the engine's own schedule instead of inside a commit (SQLite's automatic
 * checkpoint made p99 2-9x the group window here). PASSIVE never blocks writers; when the WAL
 * grows past `truncateAbovePages` a TRUNCATE bounds it. A checkpoint runs on the event loop and
 * lasts as long as it takes to copy what was written since the previous one: every 1 s that was
 * 15-40 ms, the whole p99 at 500 req/s (bench c2e p99 34-39 ms); every 100 ms, c2e p99 is 8-9 ms.
 * The background jobs (engine/jobs) run it on that beat.
 */
export function checkpoint(db: Db, truncateAbovePages = 16_384): void {
  const [row] = db.pragma("wal_checkpoint(PASSIVE)") as { log: number }[];
  if (row && row.log > truncateAbovePages) db.pragma("wal_checkpoint(TRUNCATE)");
}

/**
 * Copies the whole WAL into the database file and truncates it to nothing, so page images written
 * before an erasure do not survive in it. False when a reader kept part of it (the next try will do).
 */
export function truncateWal(db: Db): boolean {
  const [row] = db.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
  return row?.busy === 0;
}
