import { afterEach, describe, expect, it, vi } from "vitest";
import { StoreUnavailableError } from "../contracts/errors";
import type { EffectOutcome, PerformDeps } from "../effects/define-effect";
import type { OutboxRepository, OutboxRow, WrittenRow } from "../store/outbox";
import { createDispatcher, type DispatcherLimits } from "./dispatcher";

const row: OutboxRow = {
  id: "i:1",
  kind: "message.send",
  instanceId: "i",
  destination: "channel:webchat",
  attempts: 0,
  payload: JSON.stringify({ messageId: "msg", conversationId: "c", channel: "webchat", address: "v", text: "Hello" }),
};

/** When `row` was created (engine ms): its commit's time. */
const CREATED = 1_000_000;

/** An outbox holding `row` until it is settled; `failReads` reads throw first. */
function fakeOutbox(failReads: number) {
  let settled = false;
  const outbox = {
    dueDestinations: () => {
      if (failReads-- > 0) throw Object.assign(new Error("disk I/O error"), { code: "SQLITE_IOERR" });
      return settled ? [] : [row.destination];
    },
    due: (_kinds: string[], _destination: string, _now: number, _limit: number, skip: Iterable<string>) =>
      settled || [...skip].includes(row.id) ? [] : [{ ...row, createdAt: new Date(CREATED).toISOString() }],
  } as unknown as OutboxRepository;
  return { outbox, settle: () => (settled = true) };
}

const sent: string[] = [];
const deps = { channel: () => ({ send: async (m: { text: string }) => void sent.push(m.text) }) } as unknown as PerformDeps;
afterEach(() => {
  sent.length = 0;
  vi.restoreAllMocks();
});

describe("the dispatcher and the durable fence", () => {
  it("leaves a row whose commit is not on disk yet (a power loss would undo it), and performs it once it is", async () => {
    const { outbox, settle } = fakeOutbox(0);
    let fence = CREATED; // a commit with rows from CREATED on is written, its flush still running
    const dispatcher = createDispatcher(outbox, deps, Date.now, async () => settle(), {}, { before: () => fence });
    await dispatcher.kick();
    expect(sent).toEqual([]);
    fence = Number.POSITIVE_INFINITY; // flushed
    await dispatcher.kick();
    expect(sent).toEqual(["Hello"]);
  });
});

describe("the dispatcher meets a failing store", () => {
  it("logs a failed read instead of throwing, and performs the row on the next poll", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const { outbox, settle } = fakeOutbox(1);
    const dispatcher = createDispatcher(outbox, deps, Date.now, async () => settle());
    await expect(dispatcher.kick()).resolves.toBeUndefined(); // after a commit this was a fatal unhandled rejection
    expect(error).toHaveBeenCalledWith(expect.stringContaining("the outbox could not be read"), expect.any(Error));
    await dispatcher.kick();
    expect(sent).toEqual(["Hello"]);
  });

  it("keeps trying to record an outcome while the store is busy, without performing the effect again", async () => {
    const { outbox, settle } = fakeOutbox(0);
    let busy = 2;
    const outcomes: EffectOutcome[] = [];
    const dispatcher = createDispatcher(outbox, deps, Date.now, async (outcome) => {
      if (busy-- > 0) throw new StoreUnavailableError("store.busy", { seconds: 5 }, 5);
      outcomes.push(outcome);
      settle();
    });
    await dispatcher.kick();
    expect(sent).toEqual(["Hello"]);
    expect(outcomes).toMatchObject([{ key: "i:1", ok: true }]);
  });
});

describe("the dispatcher under load", () => {
  it("keeps each destination's limit, sends every row once, and refills rows that end together with one query", async () => {
    const pending = new Map(Array.from({ length: 100 }, (_, n) => [`i:${n}`, { ...row, id: `i:${n}` }]));
    let queries = 0;
    const outbox = {
      dueDestinations: () => (pending.size ? [row.destination] : []),
      due: (_kinds: string[], _destination: string, _now: number, limit: number, skip: Iterable<string>) => {
        queries++;
        const skipped = new Set(skip);
        return [...pending.values()].filter((r) => !skipped.has(r.id)).slice(0, limit);
      },
    } as unknown as OutboxRepository;
    let now = 0;
    let most = 0;
    const keys: string[] = [];
    const perform = {
      channel: () => ({
        send: async (m: { key: string }) => {
          most = Math.max(most, ++now);
          keys.push(m.key);
          await new Promise((resolve) => setTimeout(resolve, 5));
          now--;
        },
      }),
    } as unknown as PerformDeps;
    const dispatcher = createDispatcher(outbox, perform, Date.now, async (outcome) => void pending.delete(outcome.key), { perChannel: 10 });
    await dispatcher.kick();
    expect(most).toBe(10);
    expect(keys.toSorted()).toEqual(Array.from({ length: 100 }, (_, n) => `i:${n}`).toSorted());
    // Ten rows end in the same turn (same timer): one refill each time, not ten.
    expect(queries).toBeLessThan(30);
  });
});

describe("rows a commit hands over", () => {
  /** An outbox of `rows` (pending until settled) that counts its queries. */
  function countingOutbox(rows: OutboxRow[]) {
    const pending = new Map(rows.map((r) => [r.id, r]));
    const counted = { queries: 0, pending };
    const outbox = {
      dueDestinations: () => [...new Set([...pending.values()].map((r) => r.destination))],
      due: (_kinds: string[], destination: string, _now: number, limit: number, skip: Iterable<string>) => {
        counted.queries++;
        const skipped = new Set(skip);
        return [...pending.values()].filter((r) => r.destination === destination && !skipped.has(r.id)).slice(0, limit);
      },
    } as unknown as OutboxRepository;
    return { outbox, counted };
  }
  const written = (n: number, dueAt = 0): WrittenRow[] => Array.from({ length: n }, (_, i) => ({ ...row, id: `w:${i}`, dueAt }));
  /** A dispatcher over `rows` at engine time 1000 whose sends wait until released (`held`); settling removes a row. */
  const dispatching = (rows: OutboxRow[], limits?: DispatcherLimits) => {
    const { outbox, counted } = countingOutbox(rows);
    const held: (() => void)[] = [];
    const deps = {
      channel: () => ({ send: (m: { text: string; key: string }) => new Promise<void>((resolve) => held.push(() => resolve(void sent.push(m.key)))) }),
    } as unknown as PerformDeps;
    const dispatcher = createDispatcher(
      outbox,
      deps,
      () => 1000,
      async (o) => void counted.pending.delete(o.key),
      limits,
    );
    return { dispatcher, counted, held };
  };

  it("start at once without the outbox being read back, each once however it is found", async () => {
    const rows = written(3);
    const { dispatcher, counted, held } = dispatching(rows);
    dispatcher.offer(rows);
    expect(held).toHaveLength(3);
    expect(counted.queries).toBe(0);
    dispatcher.offer(rows); // offered again (or found by a query meanwhile): already in flight
    dispatcher.poll(); // the beat's query skips what is in flight
    expect(held).toHaveLength(3);
    held.splice(0).forEach((send) => send());
    await dispatcher.kick();
    expect(sent.toSorted()).toEqual(["w:0", "w:1", "w:2"]);
  });

  /** Lets each held send finish, one turn at a time, until none is left. */
  async function releaseAll(held: (() => void)[]) {
    while (held.length) {
      held.splice(0).forEach((send) => send());
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  it("wait in memory while their destination is full and start as room frees, without a query", async () => {
    const rows = written(5);
    const { dispatcher, counted, held } = dispatching(rows, { perChannel: 2 });
    dispatcher.offer(rows);
    expect(held).toHaveLength(2); // two slots; the rest wait
    dispatcher.poll(); // the beat: a destination busy with handed-over rows is not queried yet
    await releaseAll(held);
    expect(sent).toEqual(["w:0", "w:1", "w:2", "w:3", "w:4"]);
    expect(counted.queries).toBe(0);
  });

  it("leave a row not due yet to a query, which then reads the destination's rows back", async () => {
    const rows = written(6);
    const { dispatcher, counted, held } = dispatching(rows, { perChannel: 2 });
    dispatcher.offer([{ ...row, id: "later", dueAt: 5000 }, ...rows]);
    expect(held).toHaveLength(2);
    await releaseAll(held);
    expect(sent.toSorted()).toEqual(["w:0", "w:1", "w:2", "w:3", "w:4", "w:5"]);
    expect(counted.queries).toBeGreaterThan(0); // the destination had a row due later: its rows were read back
  });

  it("still query a busy destination every second, for rows nobody handed over (a retry falling due)", async () => {
    const retry = { ...row, id: "retry" };
    const rows = written(3);
    const { dispatcher, counted, held } = dispatching([retry, ...rows], { perChannel: 2 });
    dispatcher.offer(rows);
    dispatcher.poll();
    expect(counted.queries).toBe(0);
    await new Promise((r) => setTimeout(r, 1100));
    dispatcher.poll(); // a second later it is queried once room frees, and the retry is found
    await releaseAll(held);
    expect(sent.toSorted()).toEqual(["retry", "w:0", "w:1", "w:2"]);
    expect(counted.queries).toBeGreaterThan(0);
  });

  it("free their slot once performed, while the outcome is being recorded, and are not performed again meanwhile", async () => {
    const rows = written(2);
    const { outbox, counted } = countingOutbox(rows);
    const recorded: (() => void)[] = [];
    const deps = { channel: () => ({ send: async (m: { key: string }) => void sent.push(m.key) }) } as unknown as PerformDeps;
    const settle = (o: { key: string }) => new Promise<void>((resolve) => recorded.push(() => resolve(void counted.pending.delete(o.key))));
    const dispatcher = createDispatcher(outbox, deps, () => 1000, settle, { perChannel: 1 });
    dispatcher.offer(rows);
    await new Promise((r) => setTimeout(r, 5));
    expect(sent).toEqual(["w:0", "w:1"]); // w:1 did not wait for w:0's commit
    dispatcher.poll(); // both still pending in the outbox: the query skips them
    await new Promise((r) => setTimeout(r, 5));
    expect(sent).toEqual(["w:0", "w:1"]);
    const done = dispatcher.kick();
    recorded.splice(0).forEach((r) => r());
    await done;
    expect(counted.pending.size).toBe(0);
  });

  it("forget what they hold after an erasure, and find the rows in the outbox instead", async () => {
    const rows = written(4);
    const { dispatcher, counted, held } = dispatching(rows, { perChannel: 1 });
    dispatcher.offer(rows);
    dispatcher.forget();
    counted.pending.delete("w:2"); // the erasure cancelled it
    await releaseAll(held);
    expect(sent).toEqual(["w:0", "w:1", "w:3"]);
  });
});
