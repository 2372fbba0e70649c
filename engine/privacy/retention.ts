import type { Store } from "../store/index";
import type { RetainedLog } from "../store/privacy";
import { jsonScrubbers } from "./scrub";
import type { Settings } from "./settings";

const DAY_MS = 86_400_000;
/** Where each log's progress is kept (rowid of the last row expired), beside the settings. */
const PROGRESS_KEY = "privacy.retention.progress";
/** Rows per transaction: a batch holds the write lock for a few milliseconds, then steps may go. */
const BATCH = 500;

type Progress = Record<RetainedLog, number>;

/**
 * Applies the retention setting: message bodies older than `messageBodiesDays` become "[erased]";
 * event logs, inbox payloads and settled outbox payloads older than `logsDays` keep only ids and
 * types. Rows stay, so counts add up. Rows are visited once, oldest first (progress is a rowid per
 * log), in small transactions between which the engine's steps commit.
 */
export function createRetention(store: Pick<Store, "privacy" | "settings" | "transaction" | "truncateWal">, settings: Settings, clock: () => number) {
  const progress = (): Progress => ({ messageBodies: 0, events: 0, inbox: 0, outbox: 0, ...JSON.parse(store.settings.get(PROGRESS_KEY) ?? "{}") });
  const batch = store.transaction((log: RetainedLog, after: number, cutoff: number, at: number) => {
    const result = store.privacy.expire(log, after, cutoff, jsonScrubbers, BATCH);
    if (result.lastRowid !== after) store.settings.put(PROGRESS_KEY, JSON.stringify({ ...progress(), [log]: result.lastRowid }), at);
    return result;
  });

  /** Expires one log up to `cutoff`; resolves with how many rows it rewrote. */
  async function expire(log: RetainedLog, cutoff: number): Promise<number> {
    let expired = 0;
    for (;;) {
      const result = batch(log, progress()[log], cutoff, clock());
      expired += result.count;
      if (result.done) return expired;
      await new Promise((resolve) => setImmediate(resolve)); // let steps and pages in between batches
    }
  }

  return {
    /** Runs the retention now (the background job does it every hour); resolves with the rows rewritten per log. */
    async apply(): Promise<Progress> {
      const { messageBodiesDays, logsDays } = settings.get("privacy.retention");
      const now = clock();
      const done: Progress = { messageBodies: 0, events: 0, inbox: 0, outbox: 0 };
      if (messageBodiesDays !== null) done.messageBodies = await expire("messageBodies", now - messageBodiesDays * DAY_MS);
      if (logsDays !== null) for (const log of ["events", "inbox", "outbox"] as const) done[log] = await expire(log, now - logsDays * DAY_MS);
      // The WAL still holds the pages as they were before; empty it into the file (zeroed free space) too.
      if (Object.values(done).some((n) => n > 0)) store.truncateWal();
      return done;
    },
  };
}

export type RetentionJob = ReturnType<typeof createRetention>;
