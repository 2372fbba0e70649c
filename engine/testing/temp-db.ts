import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { closeTestDbs } from "./test-db";

export type TempDb = { dir: string; file: string; remove(): void };

/** A fresh directory under the OS temp dir for one test's `omniflow.db`; `remove()` deletes it. */
export function tempDb(prefix = "omniflow-test-"): TempDb {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    dir,
    file: path.join(dir, "omniflow.db"),
    remove: () => {
      closeTestDbs(dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
