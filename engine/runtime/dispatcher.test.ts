import { afterEach, describe, expect, it, vi } from "vitest";
import { StoreUnavailableError } from "../contracts/errors";
import type { EffectOutcome, PerformDeps } from "../effects/define-effect";
import type { OutboxRepository, OutboxRow } from "../store/outbox";
import { createDispatcher } from "./dispatcher";

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
