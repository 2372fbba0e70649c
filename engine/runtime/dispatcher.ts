import { isStoreUnavailableError } from "../contracts/errors";
import { PermanentFailure, UnknownOutcome, type EffectOutcome, type OutboxItem, type PerformDeps } from "../effects/define-effect";
import { performedKinds, performerOf } from "../effects/registry";
import type { OutboxRepository, OutboxRow, WrittenRow } from "../store/outbox";

const MAX_ATTEMPTS = 8;
const BATCH = 200;
/** A row whose outcome could not be recorded (a bug, not a busy store) is left alone this long before it is tried again. */
const PARK_MS = 60_000;
/** How stale the list of destinations with due rows may be (a new destination waits at most this long). */
const REFRESH_MS = 100;

/** How many effects run at once: per channel (sends), per host (HTTP calls), and in all. */
export type DispatcherLimits = { perChannel?: number; perHost?: number; total?: number };

/**
 * Executes the outbox after commit, whatever the kind of effect (sends, HTTP calls): each kind's
 * `perform` in effects/ says how. At-least-once: a row is settled (marked, and its result fed back
 * to the flow as an event) only after it was performed, and the row id travels as the idempotency
 * key, so a crash in between repeats the effect with the same key instead of losing it. Failures
 * back off exponentially (the row's due time, in the database).
 *
 * No head-of-line blocking: each row starts as soon as it is due and its destination has room, and
 * the rows that end start the next; nothing waits for a batch. A destination that never answers
 * holds its own slots only, and rows of a full destination are left out of the query, so they
 * cannot hide other rows behind its LIMIT. Rows that end in the same event-loop turn are settled
 * in one transaction (the group commit) and refilled by one pump: one query per destination with
 * room, not one per row.
 *
 * Rows come in two ways. A commit hands over the rows it wrote (`offer`), once on disk: each starts at
 * once if its destination has room, so the outbox is not read back after every commit (on the HTTP
 * thread, reading what the writer thread just wrote cost ~25 µs a row: its cache starts cold after
 * each of the other connection's commits). The outbox is queried only for destinations that may hold
 * rows nobody handed over: one whose offered rows found it full, one whose last query filled its room,
 * and every destination with due rows at each refresh (retries falling due, rows left by a crash).
 */
export function createDispatcher(
  outbox: OutboxRepository,
  deps: PerformDeps,
  clock: () => number,
  settle: (outcome: EffectOutcome) => Promise<unknown>,
  limits: DispatcherLimits = {},
) {
  const { perChannel = 32, perHost = 8, total = 256 } = limits;
  const capOf = (destination: string) => (destination.startsWith("channel:") ? perChannel : perHost);
  const inFlight = new Map<string, Set<string>>(); // destination → ids of its rows in flight
  let running = 0;
  const parked = new Map<string, number>(); // row id → engine time it may be tried again
  const idle: (() => void)[] = [];

  async function attempt(row: OutboxRow): Promise<EffectOutcome> {
    let item: OutboxItem = { key: row.id, kind: row.kind, instanceId: row.instanceId, payload: JSON.parse(row.payload), attempts: row.attempts };
    try {
      // Only performed kinds are read, but a row is data: a kind nothing performs fails for good.
      const perform = performerOf(row.kind);
      if (!perform) throw new PermanentFailure(`effects of kind ${row.kind} are not performed`);
      item = { ...item, payload: perform.payload.parse(item.payload) };
      return { ...item, ok: true, result: await perform.run(item, deps) };
    } catch (error) {
      const unknown = error instanceof UnknownOutcome;
      // A payload that no longer fits its kind's schema can never be performed.
      const final = unknown || error instanceof PermanentFailure || (error as Error).name === "ZodError" || row.attempts + 1 >= MAX_ATTEMPTS;
      const retryAt = final ? undefined : clock() + Math.min(60_000, 250 * 2 ** row.attempts);
      return { ...item, ok: false, error: String((error as Error).message ?? error).slice(0, 500), final, unknown, retryAt };
    }
  }

  /** Records the outcome; while the store is busy it keeps trying (the row stays in flight, so it is not performed again). */
  async function record(row: OutboxRow, outcome: EffectOutcome) {
    for (let tries = 0; ; tries++) {
      try {
        return void (await settle(outcome));
      } catch (error) {
        if (!isStoreUnavailableError(error)) {
          console.error(`outbox ${row.id}: its outcome could not be recorded; tried again in ${PARK_MS / 1000} s`, error);
          return void parked.set(row.id, clock() + PARK_MS);
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(30_000, 100 * 2 ** tries)));
      }
    }
  }

  async function perform(row: OutboxRow) {
    try {
      await record(row, await attempt(row));
    } finally {
      const ids = inFlight.get(row.destination);
      ids?.delete(row.id);
      if (ids?.size === 0) inFlight.delete(row.destination);
      running--;
      pumpSoon();
    }
  }

  /** One pump for every row that ended in this event-loop turn (their settles share its commit too). */
  let pumpQueued = false;
  function pumpSoon() {
    if (pumpQueued) return;
    pumpQueued = true;
    setImmediate(() => {
      pumpQueued = false;
      pump();
    });
  }

  // Destinations that may hold due rows not in flight: all those with due rows at each refresh (at most every
  // REFRESH_MS), and those offered rows found full. A pump asks each with room for its own rows (an index seek),
  // so a backlog of a full destination is never scanned again and again; one that had fewer than it asked leaves.
  const backlog = new Set<string>();
  let refreshedAt = Number.NEGATIVE_INFINITY;

  const start = (row: OutboxRow, ids: Set<string>) => {
    ids.add(row.id);
    inFlight.set(row.destination, ids);
    running++;
    void perform(row);
  };

  /** Starts what is due and has room; never throws (a failed read is logged, the beat retries). */
  function pump(refresh = false) {
    try {
      const now = clock();
      for (const [id, until] of parked) if (until <= now) parked.delete(id);
      if (refresh || Date.now() - refreshedAt >= REFRESH_MS) {
        for (const destination of outbox.dueDestinations(performedKinds, now)) backlog.add(destination);
        refreshedAt = Date.now();
      }
      for (const destination of backlog) {
        if (total - running <= 0) break;
        const ids = inFlight.get(destination) ?? new Set<string>();
        const room = Math.min(BATCH, total - running, capOf(destination) - ids.size);
        if (room <= 0) continue;
        // Only this destination's rows in flight can come back from its query (and the parked ones, rare).
        const rows = outbox.due(performedKinds, destination, now, room, [...ids, ...parked.keys()]);
        if (rows.length < room) backlog.delete(destination);
        for (const row of rows) start(row, ids);
      }
    } catch (error) {
      console.error("dispatcher: the outbox could not be read; the next beat tries again", error);
    }
    if (running > 0 || idle.length === 0) return;
    // Before saying "empty", look once more with a fresh list: settling may have queued rows for a new destination.
    if (!refresh) return pump(true);
    for (const done of idle.splice(0)) done();
  }

  /** Rows a commit wrote, once it is on disk: each starts now if it is due and its destination has room, else waits for a query. */
  function offer(rows: readonly WrittenRow[]) {
    const now = clock();
    for (const row of rows) {
      if (!performerOf(row.kind) || parked.has(row.id)) continue;
      const ids = inFlight.get(row.destination) ?? new Set<string>();
      if (ids.has(row.id)) continue; // a query found it first
      if (row.dueAt > now || running >= total || ids.size >= capOf(row.destination)) backlog.add(row.destination);
      else start(row, ids);
    }
    if (backlog.size > 0) pumpSoon();
  }

  return {
    /** Starts what is due now without waiting for it (on the background beat; `offer` after each commit). */
    poll: () => pump(),
    offer,
    /** Starts what is due and resolves once nothing is in flight (rows that settling added included). */
    kick(): Promise<void> {
      const done = new Promise<void>((resolve) => idle.push(resolve));
      pump(true);
      return done;
    },
  };
}
