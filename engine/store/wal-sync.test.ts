import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { tempDb } from "../testing/temp-db";
import { createWalSync } from "./wal-sync";

let tmp: ReturnType<typeof tempDb>;
afterEach(() => tmp.remove());

describe("the WAL's flush off the event loop", () => {
  it("shares one flush between the commits made while another runs, in order", async () => {
    tmp = tempDb("omniflow-wal-sync-");
    const db = new Database(tmp.file);
    db.pragma("journal_mode = WAL");
    db.exec("CREATE TABLE t (n)");
    const wal = createWalSync(tmp.file);
    const done: string[] = [];
    const first = wal.sync().then(() => done.push("first"));
    const second = wal.sync().then(() => done.push("second"));
    const third = wal.sync().then(() => done.push("third"));
    await Promise.all([first, second, third]);
    expect(done).toEqual(["first", "second", "third"]); // second and third waited for the flush after the first
    await wal.close();
    db.close();
  });

  it("rejects when there is no WAL to flush (the caller refuses what it could not confirm)", async () => {
    tmp = tempDb("omniflow-wal-sync-");
    const wal = createWalSync(`${tmp.file}-missing`);
    await expect(wal.sync()).rejects.toMatchObject({ code: "ENOENT" });
    await wal.close();
  });
});
