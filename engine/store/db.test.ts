import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "./db";

let tmp: string;
afterEach(() => rmSync(tmp, { recursive: true, force: true }));
const modeOf = (file: string) => statSync(file).mode & 0o777;

describe("the database file", () => {
  it("is created readable by its owner only, with its WAL, shared-memory file and the data folder", () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), "omniflow-db-mode-"));
    const file = path.join(tmp, "data", "omniflow.db");
    const db = openDatabase(file);
    db.exec(`INSERT INTO "Queue" (id, name) VALUES ('q', 'Q')`); // something in the WAL
    expect(modeOf(path.dirname(file))).toBe(0o700);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect([f, modeOf(f)]).toEqual([f, 0o600]);
    db.close();
  });

  it("is narrowed to its owner when an older install left it readable by others", () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), "omniflow-db-mode-"));
    const file = path.join(tmp, "omniflow.db");
    writeFileSync(file, "");
    chmodSync(file, 0o644);
    openDatabase(file).close();
    expect(modeOf(file)).toBe(0o600);
  });
});
