/** Wraps a function so each call runs in one transaction (a savepoint when nested), like the store's. */
export type Transaction = <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A) => R;

type Job = { work: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void };
type Outcome = { ok: boolean; value: unknown };

/**
 * Runs submitted units of work in shared transactions: everything submitted in one event-loop
 * turn commits together (group commit). A unit is never split across two commits and a failing
 * unit rolls back alone: the batch first runs without savepoints (a savepoint per unit halves
 * SQLite's write throughput here: every page a unit touches is first copied to the savepoint
 * journal); if a unit throws, that attempt is rolled back and the batch reruns with each unit in
 * its own savepoint. A promise settles only after the commit that carries its work, so a webhook
 * is acknowledged only once its event is durable. Units run one at a time in submission order,
 * which keeps each instance's events in order. Units must touch nothing but the database.
 */
export function createGroupCommit(transaction: Transaction, opts: { maxBatch?: number; afterCommit?: () => void } = {}) {
  const maxBatch = opts.maxBatch ?? 512;
  let queue: Job[] = [];
  let scheduled = false;

  const isolated = transaction((work: () => unknown) => work());
  const together = transaction((batch: Job[]) => batch.map((job): Outcome => ({ ok: true, value: job.work() })));
  const apart = transaction((batch: Job[]) =>
    batch.map((job): Outcome => {
      try {
        return { ok: true, value: isolated(job.work) };
      } catch (error) {
        return { ok: false, value: error };
      }
    }),
  );

  const flush = () => {
    scheduled = false;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    if (queue.length) schedule();
    let outcomes: Outcome[];
    try {
      try {
        outcomes = together(batch);
      } catch {
        outcomes = apart(batch);
      }
    } catch (error) {
      batch.forEach((job) => job.reject(error));
      return;
    }
    batch.forEach((job, i) => (outcomes[i].ok ? job.resolve(outcomes[i].value) : job.reject(outcomes[i].value)));
    opts.afterCommit?.();
  };

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(flush);
  };

  return {
    submit<T>(work: () => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
        schedule();
      });
    },
    get pending() {
      return queue.length;
    },
  };
}
export type GroupCommit = ReturnType<typeof createGroupCommit>;
