import type { Db } from "../store/db";

type Job = { work: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void };

/**
 * Runs submitted units of work in shared transactions: everything submitted in one event-loop
 * turn commits together (group commit), each unit inside its own savepoint so a failing step
 * rolls back alone and is never split across two commits. A promise settles only after the
 * commit that carries its work, so a webhook is acknowledged only once its event is durable.
 * Units run one at a time in submission order, which keeps each instance's events in order.
 */
export function createGroupCommit(db: Db, opts: { maxBatch?: number; afterCommit?: () => void } = {}) {
  const maxBatch = opts.maxBatch ?? 512;
  let queue: Job[] = [];
  let scheduled = false;

  const flush = () => {
    scheduled = false;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    if (queue.length) schedule();
    const outcomes: { ok: boolean; value: unknown }[] = [];
    try {
      db.transaction(() => {
        for (const job of batch) {
          try {
            outcomes.push({ ok: true, value: db.transaction(job.work)() });
          } catch (error) {
            outcomes.push({ ok: false, value: error });
          }
        }
      })();
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
