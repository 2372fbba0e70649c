/** A job the engine runs in the background while it is open; `start` returns how to stop it. */
export type BackgroundJob = { name: string; start(): () => void };

/** A job that runs `work` every `ms` (never two at once is the work's own business); failures are logged, the beat goes on. */
export function every(name: string, ms: number, work: () => Promise<unknown> | unknown): BackgroundJob {
  return {
    name,
    start() {
      const beat = setInterval(() => {
        Promise.resolve()
          .then(work)
          .catch((error) => console.error(`${name} failed`, error));
      }, ms);
      beat.unref();
      return () => clearInterval(beat);
    },
  };
}

/** Starts every job; the returned function stops them all. */
export function startJobs(jobs: BackgroundJob[]): () => void {
  const stops = jobs.map((job) => job.start());
  return () => stops.forEach((stop) => stop());
}
