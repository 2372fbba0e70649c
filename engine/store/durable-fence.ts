/**
 * Which outbox rows are on disk. A commit becomes visible to readers before its WAL is flushed
 * (store/wal-sync.ts), so a query for due rows may see rows whose commit a power loss would undo: the
 * event behind them was not acknowledged, its sender retries, and the retry's effects get other keys
 * (the same message twice). Each writer (the engine's own group commit, the writer thread's) holds its
 * slot at the earliest engine time of the rows in its commits not yet flushed, set before COMMIT; the
 * dispatcher reads the fence after its query and leaves rows created at or after it. They are not
 * lost: each commit hands its rows over once flushed. The slots live in a SharedArrayBuffer, so the
 * writer thread's holds are seen by the dispatcher on the engine's thread without a message.
 */
const OPEN = BigInt(Number.MAX_SAFE_INTEGER);
export const FENCE_SLOTS = 2;

export type DurableFence = {
  /** Holds this writer's slot at `at` until `release`: a commit about to be written has rows created from `at`. */
  hold(at: number): number;
  release(ticket: number): void;
  /** The engine time from which a row may not be on disk yet (Infinity when every commit is flushed). */
  before(): number;
};

/** `buffer` is shared by every writer (FENCE_SLOTS of them); `slot` is this writer's. */
export function createDurableFence(buffer: SharedArrayBuffer, slot: number): DurableFence {
  const slots = new BigInt64Array(buffer);
  if (slots.length !== FENCE_SLOTS || slot < 0 || slot >= FENCE_SLOTS) throw new Error("a durable fence needs its shared buffer and a slot in it");
  // This writer's commits not yet flushed, oldest first (they are flushed in order): ticket → earliest row time.
  const held = new Map<number, number>();
  let nextTicket = 0;
  const publish = () => Atomics.store(slots, slot, held.size === 0 ? OPEN : BigInt(Math.min(...held.values())));
  return {
    hold(at) {
      const ticket = nextTicket++;
      held.set(ticket, Math.floor(at));
      publish();
      return ticket;
    },
    release(ticket) {
      if (held.delete(ticket)) publish();
    },
    before() {
      let least = OPEN;
      for (let i = 0; i < FENCE_SLOTS; i++) {
        const value = Atomics.load(slots, i);
        if (value < least) least = value;
      }
      return least === OPEN ? Number.POSITIVE_INFINITY : Number(least);
    },
  };
}

/** The shared slots, every one open. */
export function newFenceBuffer(): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(FENCE_SLOTS * 8);
  new BigInt64Array(buffer).fill(OPEN);
  return buffer;
}
