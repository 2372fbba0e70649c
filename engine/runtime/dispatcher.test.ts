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

/** An outbox holding `row` until it is settled; `failReads` reads throw first. */
function fakeOutbox(failReads: number) {
  let settled = false;
  const outbox = {
    dueDestinations: () => {
      if (failReads-- > 0) throw Object.assign(new Error("disk I/O error"), { code: "SQLITE_IOERR" });
      return settled ? [] : [row.destination];
    },
    due: (_kinds: string[], _destination: string, _now: number, _limit: number, skip: Iterable<string>) => (settled || [...skip].includes(row.id) ? [] : [row]),
  } as unknown as OutboxRepository;
  return { outbox, settle: () => (settled = true) };
}

const sent: string[] = [];
const deps = { channel: () => ({ send: async (m: { text: string }) => void sent.push(m.text) }) } as unknown as PerformDeps;
afterEach(() => {
  sent.length = 0;
  vi.restoreAllMocks();
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

  it("wait for a query when their destination is full, and are then found; one not due yet waits", async () => {
    const rows = written(5);
    const { dispatcher, counted, held } = dispatching(rows, { perChannel: 2 });
    dispatcher.offer([{ ...row, id: "later", dueAt: 5000 }, ...rows]);
    expect(held).toHaveLength(2); // two slots; the rest wait in the outbox
    await new Promise((r) => setImmediate(r));
    expect(counted.queries).toBe(0); // a full destination is not queried
    while (held.length) {
      held.splice(0).forEach((send) => send());
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(sent.toSorted()).toEqual(["w:0", "w:1", "w:2", "w:3", "w:4"]);
    expect(counted.queries).toBeGreaterThan(0);
  });
});
