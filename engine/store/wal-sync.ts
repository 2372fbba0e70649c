import fs from "node:fs";

/**
 * Makes the group commit's writes durable off the event loop. Its transactions commit with
 * synchronous=NORMAL (into the WAL, not yet flushed), then this fdatasyncs the WAL file on libuv's
 * thread pool; only then are their units told they are accepted. The flush of one commit covers every
 * commit written before it started, so while one runs, the commits that follow share the next one.
 * The descriptor stays valid for the store's life: SQLite truncates the WAL in place and deletes it
 * only when the last connection closes.
 */
export function createWalSync(dbFile: string) {
  let fd: number | null = null;
  let running: Promise<void> | null = null;
  let following: Promise<void> | null = null;

  const flush = () =>
    new Promise<void>((resolve, reject) => {
      try {
        fd ??= fs.openSync(`${dbFile}-wal`, "r+");
      } catch (error) {
        return reject(error);
      }
      fs.fdatasync(fd, (error) => (error ? reject(error) : resolve()));
    });

  const start = (): Promise<void> => {
    const flushed: Promise<void> = flush().finally(() => {
      if (running === flushed) running = null;
    });
    running = flushed;
    return flushed;
  };

  return {
    /** Resolves once everything committed before this call is on disk; rejects if the disk refused (EIO, ENOSPC). */
    sync(): Promise<void> {
      if (!running) return start();
      following ??= running
        .catch(() => {})
        .then(() => {
          following = null;
          return start();
        });
      return following;
    },
    /** Waits for the flush in progress, then lets go of the descriptor. */
    async close() {
      await Promise.allSettled([running, following]);
      if (fd !== null) fs.closeSync(fd);
      fd = null;
    },
  };
}

export type WalSync = ReturnType<typeof createWalSync>;
