import { StoreUnavailableError } from "../contracts/errors";
import { isStoreBusy } from "../store/transient";

/** Wraps a function so each call runs in one transaction (a savepoint when nested), like the store's. */
export type Transaction = <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A) => R;

export type GroupCommitOptions<W = unknown> = {
  maxBatch?: number;
  /**
   * How long one commit may keep running units (at least one always runs): the transaction runs on the
   * event loop, so a long one holds up every request; what is left commits next, in order.
   */
  maxBatchMs?: number;
  /**
   * Resolves once what was committed is on disk (store/wal-sync.ts: an fdatasync off the event loop);
   * without it, the transaction itself must be durable when it returns.
   */
  durable?: () => Promise<void>;
  /** Units waiting to be written beyond which a new one is refused at once (StoreUnavailableError "store.overloaded"). */
  maxPending?: number;
  /** How long a unit waits through a busy store before it is refused (StoreUnavailableError "store.busy"). */
  giveUpAfterMs?: number;
  /** Called once a commit is on disk (after its units are told), with what `journal` recorded in it. */
  afterCommit?: (written: W[]) => void;
  /**
   * What units write that someone wants after the commit (the outbox's rows: store/outbox.ts): reset as each
   * attempt begins, cut back when a unit's savepoint rolls back, taken once the transaction committed.
   */
  journal?: { begin(): void; mark(): number; undo(mark: number): void; take(): W[]; oldest?(): number | null };
  /**
   * Marks what is committed but not yet on disk (store/durable-fence.ts): held before COMMIT at the journal's
   * oldest row, released once `durable` resolved, so the dispatcher never performs a row a power loss would undo.
   */
  fence?: { hold(at: number): number; release(ticket: number): void };
  /** Fault injection for tests: runs inside each transaction after its units, before COMMIT. */
  insideCommit?: () => void;
};

type Job = { work: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void; since: number };
type Outcome = { ok: boolean; value: unknown };

/** Waits between tries while the store is busy: doubling from the first to the last. */
const BACKOFF_MS = { first: 10, last: 1000 };

/**
 * Runs submitted units of work in shared transactions: everything submitted in one event-loop
 * turn commits together (group commit). A unit is never split across two commits and a failing
 * unit rolls back alone: the batch first runs without savepoints (a savepoint per unit halves
 * SQLite's write throughput here: every page a unit touches is first copied to the savepoint
 * journal); if a unit throws, that attempt is rolled back and the batch reruns with each unit in
 * its own savepoint. A promise settles only after the commit that carries its work, so a webhook
 * is acknowledged only once its event is durable. Units run one at a time in submission order,
 * which keeps each instance's events in order. Units must touch nothing but the database.
 *
 * A busy store (another process holds the write lock, a disk error) fails the whole batch before
 * any unit ran; the batch goes back to the head of the queue and is tried again after a back-off,
 * off the event loop, until a unit has waited `giveUpAfterMs`: then it is refused, unwritten.
 */
export function createGroupCommit<W = unknown>(transaction: Transaction, opts: GroupCommitOptions<W> = {}) {
  const maxBatch = opts.maxBatch ?? 512;
  const maxBatchMs = opts.maxBatchMs ?? 8;
  const maxPending = opts.maxPending ?? 10_000;
  const giveUpAfterMs = opts.giveUpAfterMs ?? 5000;
  let queue: Job[] = [];
  let scheduled = false;
  let backoff = 0;
  let holds = 0;

  const isolated = transaction((work: () => unknown) => work());
  /** The fence's ticket for the attempt being written (released if that attempt does not commit). */
  let ticket: number | null = null;
  const letGo = () => {
    if (ticket !== null) opts.fence?.release(ticket);
    ticket = null;
  };
  /** Runs units of the batch in order until they are done or the deadline passed; at least one runs. */
  const runUntil = (batch: Job[], deadline: number, run: (job: Job) => Outcome) => {
    letGo(); // an earlier attempt of this batch rolled back
    opts.journal?.begin();
    const outcomes: Outcome[] = [];
    for (const job of batch) {
      if (outcomes.length > 0 && performance.now() > deadline) break;
      outcomes.push(run(job));
    }
    const oldest = opts.journal?.oldest?.() ?? null;
    if (oldest !== null && opts.fence) ticket = opts.fence.hold(oldest);
    opts.insideCommit?.();
    return outcomes;
  };
  const together = transaction((batch: Job[], deadline: number) => runUntil(batch, deadline, (job) => ({ ok: true, value: job.work() })));
  const apart = transaction((batch: Job[], deadline: number) =>
    runUntil(batch, deadline, (job) => {
      const mark = opts.journal?.mark() ?? 0;
      try {
        return { ok: true, value: isolated(job.work) };
      } catch (error) {
        if (isStoreBusy(error)) throw error; // the store's fault, not the unit's: the whole batch waits
        opts.journal?.undo(mark);
        return { ok: false, value: error };
      }
    }),
  );

  const flush = () => {
    scheduled = false;
    if (holds > 0) return; // the last release schedules what waited
    let batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    let outcomes: Outcome[];
    try {
      try {
        outcomes = together(batch, performance.now() + maxBatchMs);
      } catch (error) {
        if (isStoreBusy(error)) throw error;
        outcomes = apart(batch, performance.now() + maxBatchMs);
      }
    } catch (error) {
      letGo(); // nothing of it committed
      if (isStoreBusy(error)) return retryLater(batch);
      batch.forEach((job) => job.reject(error));
      if (queue.length) schedule();
      return;
    }
    backoff = 0;
    const written = opts.journal?.take() ?? [];
    const committed = ticket;
    ticket = null;
    const flushed = () => {
      if (committed !== null) opts.fence?.release(committed);
    };
    // Units the deadline left out go back to the head, in order, for the next commit.
    queue = [...batch.slice(outcomes.length), ...queue];
    batch = batch.slice(0, outcomes.length);
    if (queue.length) schedule();
    const tell = () => batch.forEach((job, i) => (outcomes[i].ok ? job.resolve(outcomes[i].value) : job.reject(outcomes[i].value)));
    if (!opts.durable) {
      flushed();
      tell();
      return opts.afterCommit?.(written);
    }
    opts.durable().then(
      () => {
        flushed();
        tell();
        opts.afterCommit?.(written); // effects start only once the step that queued them is on disk
      },
      (error) => {
        flushed(); // what is in the file is what readers see; the units are refused, and their retries are deduplicated
        // Committed but not confirmed on disk: refused, so the sender retries (intake drops the repeat if it survived).
        console.error("the disk did not confirm a commit", error);
        batch.forEach((job) => job.reject(new StoreUnavailableError("store.unsynced", { seconds: 1 }, 1)));
      },
    );
  };

  /** Puts the batch back at the head (order kept) and tries again after the back-off; units that waited too long are refused. */
  const retryLater = (batch: Job[]) => {
    const now = performance.now();
    const seconds = Math.ceil(giveUpAfterMs / 1000);
    const waiting: Job[] = [];
    for (const job of batch) {
      if (now - job.since < giveUpAfterMs) waiting.push(job);
      else job.reject(new StoreUnavailableError("store.busy", { seconds }, seconds));
    }
    queue = [...waiting, ...queue];
    backoff = Math.min(BACKOFF_MS.last, backoff ? backoff * 2 : BACKOFF_MS.first);
    if (!queue.length) return;
    scheduled = true; // new units join the wait instead of hitting the busy store again
    setTimeout(flush, backoff);
  };

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };

  return {
    submit<T>(work: () => T): Promise<T> {
      if (queue.length >= maxPending) return Promise.reject(new StoreUnavailableError("store.overloaded", { pending: queue.length, seconds: 1 }, 1));
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (v: unknown) => void, reject, since: performance.now() });
        schedule();
      });
    },
    /**
     * Holds commits (none is open: they run synchronously on this thread) until the returned release is
     * called; units keep queueing meanwhile. The WAL checkpointer asks for this (store/checkpoint.ts).
     */
    hold(): () => void {
      holds++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holds--;
        if (holds === 0 && queue.length) schedule();
      };
    },
    get pending() {
      return queue.length;
    },
  };
}
export type GroupCommit = ReturnType<typeof createGroupCommit>;
