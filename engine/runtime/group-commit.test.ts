import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tempDb } from "../testing/temp-db";
import { createDurableFence, newFenceBuffer } from "../store/durable-fence";
import { createGroupCommit } from "./group-commit";

let tmp: ReturnType<typeof tempDb>;
let db: Database.Database;
let reader: Database.Database;
let commits: number;

beforeEach(() => {
  tmp = tempDb("omniflow-group-commit-");
  db = new Database(tmp.file);
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  db.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY);
    CREATE TABLE item (n INTEGER NOT NULL, parent INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED)`);
  reader = new Database(tmp.file, { readonly: true }); // a second connection sees committed rows only
  commits = 0;
});
afterEach(() => {
  reader.close();
  db.close();
  tmp.remove();
});

const insert = (n: number) => () => db.prepare(`INSERT INTO item (n) VALUES (?)`).run(n).lastInsertRowid;
const committed = () => reader.prepare(`SELECT n FROM item ORDER BY rowid`).pluck().all();

/** A journal of the numbers units insert (the oldest is the least), with units that write into it and one that then fails. */
function journalling() {
  let journalled: number[] = [];
  const journal = {
    begin: () => void (journalled = []),
    mark: () => journalled.length,
    undo: (mark: number) => void (journalled.length = mark),
    take: () => journalled.splice(0),
    oldest: () => (journalled.length ? Math.min(...journalled) : null),
  };
  const writing = (n: number) => () => {
    journalled.push(n);
    return insert(n)();
  };
  const failing = (n: number) => () => {
    writing(n)();
    throw new Error("this unit fails after writing");
  };
  return { journal, writing, failing, journalled: () => journalled };
}

describe("group commit", () => {
  it("commits everything submitted in one turn together, in submission order", async () => {
    const group = createGroupCommit((fn) => db.transaction(fn), { afterCommit: () => commits++ });
    const results = await Promise.all([1, 2, 3, 4].map((n) => group.submit(insert(n))));
    expect(results).toEqual([1, 2, 3, 4]); // each unit's own return value
    expect(commits).toBe(1);
    expect(committed()).toEqual([1, 2, 3, 4]);
  });

  it("settles a unit's promise only once its work is visible to another connection", async () => {
    const group = createGroupCommit((fn) => db.transaction(fn));
    const pending = group.submit(insert(7));
    expect(committed()).toEqual([]);
    await pending;
    expect(committed()).toEqual([7]);
  });

  it("rolls back a failing unit alone; the rest of its batch commits", async () => {
    const group = createGroupCommit((fn) => db.transaction(fn), { afterCommit: () => commits++ });
    const failing = () => {
      insert(2)();
      throw new Error("step failed");
    };
    const outcomes = await Promise.allSettled([group.submit(insert(1)), group.submit(failing), group.submit(insert(3))]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(new Error("step failed"));
    expect(commits).toBe(1);
    expect(committed()).toEqual([1, 3]);
  });

  it("hands afterCommit what its units journalled: only the units that committed, once each", async () => {
    const { journal, writing, failing } = journalling();
    const handed: unknown[][] = [];
    const group = createGroupCommit((fn) => db.transaction(fn), { journal, afterCommit: (written) => handed.push(written) });
    // The first attempt runs all three and rolls back (the failing one threw); the rerun undoes the failing unit's entry.
    await Promise.allSettled([group.submit(writing(1)), group.submit(failing(99)), group.submit(writing(3))]);
    await group.submit(writing(4));
    expect(committed()).toEqual([1, 3, 4]);
    expect(handed).toEqual([[1, 3], [4]]);
  });

  it("holds the durable fence from before COMMIT until the commit is on disk, at the oldest row it wrote", async () => {
    const { journal, writing, failing, journalled } = journalling();
    const fence = createDurableFence(newFenceBuffer(), 0);
    const seenBeforeCommit: number[] = [];
    let flushed!: () => void;
    const group = createGroupCommit((fn) => db.transaction(fn), {
      journal,
      fence,
      durable: () => new Promise<void>((resolve) => (flushed = resolve)),
      insideCommit: () => seenBeforeCommit.push(fence.before()),
    });
    const done = Promise.allSettled([group.submit(writing(30)), group.submit(failing(5)), group.submit(writing(20))]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    // Committed (another connection sees it) but not flushed: the fence stands at its oldest row, 20 (the
    // failing unit's 5 rolled back with it).
    expect(committed()).toEqual([30, 20]);
    expect(seenBeforeCommit).toEqual([20]);
    expect(fence.before()).toBe(20);
    flushed();
    await done;
    expect(fence.before()).toBe(Number.POSITIVE_INFINITY);

    // A commit that fails at COMMIT (a deferred foreign key) held the fence before it: it is let go.
    const orphan = () => {
      journalled().push(7);
      return db.prepare(`INSERT INTO item (n, parent) VALUES (7, 999)`).run().lastInsertRowid;
    };
    await expect(group.submit(orphan)).rejects.toThrow(/FOREIGN KEY/);
    expect(seenBeforeCommit.slice(1)).toEqual([7, 7]); // held by both attempts (together, then apart)
    expect(fence.before()).toBe(Number.POSITIVE_INFINITY);
  });

  it("holds commits while held (units queue) and commits them, in order, once the last hold is released", async () => {
    const group = createGroupCommit((fn) => db.transaction(fn), { afterCommit: () => commits++ });
    const [first, second] = [group.hold(), group.hold()];
    const pending = [group.submit(insert(1)), group.submit(insert(2))];
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(committed()).toEqual([]);
    first();
    first(); // a release is counted once
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(committed()).toEqual([]);
    second();
    expect(await Promise.all(pending)).toEqual([1, 2]);
    expect(committed()).toEqual([1, 2]);
    expect(commits).toBe(1);
  });

  it("splits a long queue into batches of maxBatch, keeping the order", async () => {
    const group = createGroupCommit((fn) => db.transaction(fn), { maxBatch: 2, afterCommit: () => commits++ });
    await Promise.all([1, 2, 3, 4, 5].map((n) => group.submit(insert(n))));
    expect(commits).toBe(3);
    expect(committed()).toEqual([1, 2, 3, 4, 5]);
    expect(group.pending).toBe(0);
  });

  it("ends a commit once it ran maxBatchMs of units; the rest commit next, in order", async () => {
    const group = createGroupCommit((fn) => db.transaction(fn), { maxBatchMs: 5, afterCommit: () => commits++ });
    const slow = (n: number) => () => {
      const until = performance.now() + 3;
      while (performance.now() < until); // a unit that costs 3 ms of CPU
      return insert(n)();
    };
    await Promise.all([1, 2, 3, 4, 5, 6].map((n) => group.submit(slow(n))));
    expect(commits).toBeGreaterThanOrEqual(3); // two units pass 5 ms (one alone may, on a busy machine): without the cap, 1
    expect(committed()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("tells units and starts effects only once the commit is durable", async () => {
    let confirm: () => void = () => {};
    const durable = () => new Promise<void>((resolve) => (confirm = resolve));
    const group = createGroupCommit((fn) => db.transaction(fn), { durable, afterCommit: () => commits++ });
    let told = false;
    const pending = group.submit(insert(1)).then(() => (told = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(committed()).toEqual([1]); // written, not yet confirmed on disk
    expect([told, commits]).toEqual([false, 0]);
    confirm();
    await pending;
    expect([told, commits]).toEqual([true, 1]);
  });

  it("refuses the units of a commit the disk did not confirm (their sender retries)", async () => {
    const durable = () => Promise.reject(Object.assign(new Error("EIO: i/o error, fdatasync"), { code: "EIO" }));
    const group = createGroupCommit((fn) => db.transaction(fn), { durable, afterCommit: () => commits++ });
    await expect(group.submit(insert(1))).rejects.toMatchObject({ name: "StoreUnavailableError", code: "store.unsynced", retryAfterSeconds: 1 });
    expect(commits).toBe(0);
  });

  it("rejects every unit of a batch whose commit fails, and keeps working afterwards", async () => {
    const group = createGroupCommit((fn) => db.transaction(fn), { afterCommit: () => commits++ });
    const orphan = () => db.prepare(`INSERT INTO item (n, parent) VALUES (99, 12345)`).run(); // caught at COMMIT
    const outcomes = await Promise.allSettled([group.submit(insert(1)), group.submit(orphan)]);
    expect(outcomes.map((o) => o.status)).toEqual(["rejected", "rejected"]);
    expect(commits).toBe(0);
    expect(committed()).toEqual([]);
    await group.submit(insert(2));
    expect(committed()).toEqual([2]);
  });

  describe("when another connection holds the write lock", () => {
    let other: Database.Database;
    beforeEach(() => {
      db.pragma("busy_timeout = 20");
      other = new Database(tmp.file);
      other.exec("BEGIN IMMEDIATE");
    });
    afterEach(() => other.close());
    const immediate = (fn: (...args: unknown[]) => unknown) => db.transaction(fn).immediate;

    it("waits asynchronously, then commits every unit once, in submission order", async () => {
      const group = createGroupCommit(immediate as never, { afterCommit: () => commits++ });
      const results = Promise.all([1, 2, 3].map((n) => group.submit(insert(n))));
      await new Promise((r) => setTimeout(r, 200));
      expect(group.pending).toBe(3); // still queued: nothing refused, nothing half-written
      other.exec("COMMIT");
      expect(await results).toEqual([1, 2, 3]);
      expect(committed()).toEqual([1, 2, 3]);
    });

    it("refuses units that waited longer than giveUpAfterMs, unwritten", async () => {
      const group = createGroupCommit(immediate as never, { giveUpAfterMs: 100 });
      await expect(group.submit(insert(1))).rejects.toMatchObject({ name: "StoreUnavailableError", code: "store.busy", retryAfterSeconds: 1 });
      other.exec("COMMIT");
      expect(committed()).toEqual([]);
    });

    it("refuses a unit at once when maxPending are already waiting", async () => {
      const group = createGroupCommit(immediate as never, { maxPending: 2 });
      const queued = [group.submit(insert(1)), group.submit(insert(2))];
      await expect(group.submit(insert(3))).rejects.toMatchObject({ name: "StoreUnavailableError", code: "store.overloaded", params: { pending: 2 } });
      other.exec("COMMIT");
      await Promise.all(queued);
      expect(committed()).toEqual([1, 2]);
    });
  });
});
