import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { iso, openDatabase } from "./db";

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

describe("iso", () => {
  it("writes exactly what Date#toISOString writes, across leap years, centuries, before 1970 and fractions", () => {
    const samples = [0, -1, 1.9, -1.9, 951_782_400_000, 4_107_542_399_999, -62_167_219_200_000, 253_402_300_799_999, Date.now()];
    for (let i = 0; i < 20_000; i++) samples.push(Math.floor((Math.random() - 0.3) * 8e12));
    for (const ms of samples) expect([ms, iso(ms)]).toEqual([ms, new Date(ms).toISOString()]);
  });

  it("leaves years outside 0-9999 and invalid times to Date", () => {
    expect(iso(253_402_300_800_000)).toBe("+010000-01-01T00:00:00.000Z");
    expect(() => iso(Number.NaN)).toThrow(RangeError);
  });
});
