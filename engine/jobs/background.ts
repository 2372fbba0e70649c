/** A job the engine runs in the background while it is open; `start` returns how to stop it (a promise: stopped once it settles). */
export type BackgroundJob = { name: string; start(): () => void | Promise<void> };

/** The longest a failing job waits before its next run. */
const MAX_BACKOFF_MS = 5000;

/**
 * A job that runs `work` every `ms`, under a supervisor: runs never overlap, and a run that throws
 * or rejects is logged and the job restarts after a back-off (its beat doubled for each failure in
 * a row, at most 5 s). Nothing a job meets (a busy store, a bug) can end the loop or the process.
 */
export function every(name: string, ms: number, work: () => Promise<unknown> | unknown, log = (...args: unknown[]) => console.error(...args)): BackgroundJob {
  return {
    name,
    start() {
      let stopped = false;
      let failures = 0;
      let beat: NodeJS.Timeout | undefined;
      const next = (delay: number) => {
        if (stopped) return;
        beat = setTimeout(run, delay);
        beat.unref();
      };
      const run = async () => {
        try {
          await work();
          failures = 0;
        } catch (error) {
          failures++;
          log(`${name} failed (${failures} in a row), restarting in ${backoff(ms, failures)} ms:`, error);
        }
        next(backoff(ms, failures));
      };
      next(ms);
      return () => {
        stopped = true;
        clearTimeout(beat);
      };
    },
  };
}

const backoff = (ms: number, failures: number) => (failures ? Math.min(MAX_BACKOFF_MS, ms * 2 ** failures) : ms);

/**
 * Starts every job; the returned function stops them all, resolving once each has stopped (the WAL
 * checkpointer's thread has closed its connection: nothing holds the database after the engine closed).
 */
export function startJobs(jobs: BackgroundJob[]): () => Promise<void> {
  const stops = jobs.map((job) => job.start());
  return async () => {
    await Promise.all(stops.map((stop) => stop()));
  };
}
