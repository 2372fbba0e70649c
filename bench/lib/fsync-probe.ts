import { closeSync, fdatasyncSync, openSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

/**
 * The disk's floor for an acknowledged write: `count` times, append 4 KiB to a file in `dir` (the
 * database's folder, so the same file system and device) and fdatasync it, as a WAL commit does.
 * Returns each fdatasync's duration in ms (write + sync). Synchronous: run it between loads, not during.
 */
export function fdatasyncTimes(dir: string, count: number): number[] {
  const file = path.join(dir, "fsync-probe.bin");
  const block = Buffer.alloc(4096, 0x5a);
  const fd = openSync(file, "w", 0o600);
  try {
    return Array.from({ length: count }, () => {
      const started = performance.now();
      writeSync(fd, block);
      fdatasyncSync(fd);
      return performance.now() - started;
    });
  } finally {
    closeSync(fd);
    rmSync(file, { force: true });
  }
}
