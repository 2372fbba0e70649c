import { existsSync, statSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { type TempDb, tempDb } from "../testing/temp-db";
import { startCheckpoints } from "./checkpoint";
import { openDatabase } from "./db";

const walSize = (file: string) => (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);

/** Blocks this thread (the event loop) for `ms`, as a long synchronous step or fsync would. */
const blockThread = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

const temps: TempDb[] = [];
const temp = () => {
  const db = tempDb("omniflow-ckpt-");
  temps.push(db);
  return db;
};
afterEach(() => temps.splice(0).forEach((db) => db.remove()));

describe("the WAL checkpointer", () => {
  it("runs on its own thread: it empties the WAL while the event loop is blocked", async () => {
    const { file } = temp();
    const db = openDatabase(file);
    expect(db.pragma("synchronous", { simple: true })).toBe(2); // FULL: a commit is on disk before it is acknowledged
    db.exec("CREATE TABLE t (x TEXT)");
    const insert = db.prepare("INSERT INTO t VALUES (?)");
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run("x".repeat(200));
    })();
    const before = walSize(file);
    expect(before).toBeGreaterThan(100_000);

    const stop = startCheckpoints(file, { everyMs: 20, truncateAbovePages: 10 }); // a WAL over 10 pages is truncated
    blockThread(1500); // nothing on this thread runs meanwhile: no timer, no checkpoint of ours
    expect(walSize(file)).toBe(0);
    await stop();
    expect(db.prepare("SELECT count(*) AS n FROM t").get()).toEqual({ n: 2000 });
    db.close();
  });

  it("keeps the WAL small under back-to-back commits without a TRUNCATE: the writer pauses a moment when asked", async () => {
    const { file } = temp();
    const db = openDatabase(file);
    db.pragma("synchronous = NORMAL");
    db.exec("CREATE TABLE t (x TEXT)");
    const insert = db.prepare("INSERT INTO t VALUES (?)");
    const write = db.transaction(() => {
      for (let i = 0; i < 20; i++) insert.run("x".repeat(200));
    });
    let held = 0;
    let asked = 0;
    const stop = startCheckpoints(file, {
      everyMs: 20,
      restartAbovePages: 100,
      truncateAbovePages: 1e9,
      quiet: () => {
        held++;
        asked++;
        return () => held--;
      },
    });
    // A fixed amount of writing (~80 MB of rows), however long a loaded machine takes for it.
    let commits = 0;
    await new Promise<void>((done) => {
      const next = () => {
        if (commits === 20_000) return done();
        if (held === 0) {
          write();
          commits++;
        }
        setImmediate(next);
      };
      next();
    });
    await stop();
    expect(asked).toBeGreaterThan(2);
    // Without the pauses this WAL grew to ~320 MB here (every frame kept); with them it stayed near 16 MB.
    expect(walSize(file)).toBeLessThan(40e6);
    db.close();
  }, 60_000);
});
