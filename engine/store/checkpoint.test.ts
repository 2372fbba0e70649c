import { spawnSync } from "node:child_process";
import { existsSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
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

  it("keeps a process that nothing else keeps alive running while it holds the writer's commits, and until it has stopped", () => {
    const { file } = temp();
    const script = path.join(path.dirname(file), "holds.mjs");
    writeFileSync(script, HOLDING_SCRIPT);
    const module = (name: string) => fileURLToPath(new URL(name, import.meta.url));
    const run = spawnSync(process.execPath, ["--import", "tsx", script], {
      env: { ...process.env, CHECKPOINT_MODULE: module("./checkpoint.ts"), DB_MODULE: module("./db.ts"), DB_FILE: file },
      encoding: "utf8",
      timeout: 30_000,
    });
    // Before, the held commits' process simply ended: nothing after the hold ran.
    expect(run.stdout.trim().split("\n")).toEqual(["released", "stopped"]);
    expect(run.status).toBe(0);
  }, 60_000);
});

/** A script whose only work is held by the checkpointer: it must see the release, and its stop finish. */
const HOLDING_SCRIPT = `const { startCheckpoints } = await import(process.env.CHECKPOINT_MODULE);
const { openDatabase } = await import(process.env.DB_MODULE);
const file = process.env.DB_FILE;
const db = openDatabase(file);
db.exec("CREATE TABLE t (x TEXT)");
db.prepare("INSERT INTO t VALUES (?)").run("x");
// Units keep this process alive until the checkpointer asks for a quiet moment, as the group commit's would; held, nothing of ours does.
const waiting = setInterval(() => {}, 1000);
const stop = startCheckpoints(file, {
  everyMs: 10,
  restartAbovePages: 0,
  quiet: () => {
    clearInterval(waiting);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      console.log("released");
      void stop().then(() => console.log("stopped"));
    };
  },
});
`;
