import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** A fresh directory under os.tmpdir() for one figure's database files; `dispose` removes it. */
export function tempDir(label: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `omniflow-bench-${label}-`));
  return { dir, db: (name = "bench.db") => path.join(dir, name), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
