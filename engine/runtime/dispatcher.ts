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
/** Handed-over rows held per full destination; beyond that they are left for a query. */
const MAX_HELD = 1000;
/** A destination busy performing, recording or holding rows is still queried this often, for rows nobody handed over (retries). */
const QUERY_EVERY_MS = 1000;

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
 * once if its destination has room, else waits in memory for room (up to MAX_HELD a destination), so the
 * outbox is not read back after every commit (on the HTTP thread, reading what the writer thread just
 * wrote cost ~25 µs a row: its cache starts cold after each of the other connection's commits; at
 * saturation these reads were 6 % of that thread). The outbox is queried only for destinations that may
 * hold rows nobody handed over: one whose handed-over rows overflowed, one whose last query filled its
 * room, and at each refresh every destination with due rows (retries falling due, rows left by a crash),
 * except one busy performing, recording or holding rows, which is queried at most every QUERY_EVERY_MS. A query drops the
 * destination's held rows: it finds them in the outbox. `forget` drops them all (an erasure rewrote rows).
 */
export function createDispatcher(
  outbox: OutboxRepository,
  deps: PerformDeps,
  clock: () => number,
  settle: (outcome: EffectOutcome) => Promise<unknown>,
  limits: DispatcherLimits = {},
  /** Where rows a power loss could still undo begin (store/durable-fence.ts); their commit hands them over once flushed. */
  fence: { before(): number } = { before: () => Number.POSITIVE_INFINITY },
) {
  const { perChannel = 32, perHost = 8, total = 256 } = limits;
  const capOf = (destination: string) => (destination.startsWith("channel:") ? perChannel : perHost);
  const inFlight = new Map<string, Set<string>>(); // destination → ids of its rows being performed
  const recording = new Map<string, Set<string>>(); // destination → ids of its rows performed, outcome not yet recorded
  let running = 0;
  const enter = (rows: Map<string, Set<string>>, row: OutboxRow) => rows.set(row.destination, (rows.get(row.destination) ?? new Set()).add(row.id));
  const leave = (rows: Map<string, Set<string>>, row: OutboxRow) => {
    const ids = rows.get(row.destination);
    ids?.delete(row.id);
    if (ids?.size === 0) rows.delete(row.destination);
  };
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

  /**
   * Performs a row, then records its outcome. Its slot frees once the destination is done with it: recording
   * is a commit and an fdatasync away, and holding the slot that long capped a channel's sends at its limit
   * per commit. Until recorded, the row stays out of queries (`recording`).
   */
  async function perform(row: OutboxRow) {
    const outcome = await attempt(row);
    leave(inFlight, row);
    running--;
    enter(recording, row);
    pumpSoon();
    try {
      await record(row, outcome);
    } finally {
      leave(recording, row);
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
  /** Handed-over rows waiting for room, per destination, in the order written. */
  const held = new Map<string, OutboxRow[]>();
  /** When each destination was last queried, or began holding rows after a second without a query (Date.now). */
  const queriedAt = new Map<string, number>();

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
        for (const destination of outbox.dueDestinations(performedKinds, now)) {
          // Its due rows may all be ones it is performing, recording or holding: it is asked at most every second.
          const working = held.has(destination) || inFlight.has(destination) || recording.has(destination);
          const busy = working && Date.now() - (queriedAt.get(destination) ?? 0) < QUERY_EVERY_MS;
          if (!busy) backlog.add(destination);
        }
        refreshedAt = Date.now();
      }
      for (const [destination, rows] of held) {
        if (backlog.has(destination)) continue; // its query comes next, and finds these too
        const ids = inFlight.get(destination) ?? new Set<string>();
        for (let room = roomOf(destination, ids); room > 0 && rows.length > 0; room--) start(rows.shift() as OutboxRow, ids);
        if (rows.length === 0) held.delete(destination);
      }
      for (const destination of backlog) {
        if (total - running <= 0) break;
        const ids = inFlight.get(destination) ?? new Set<string>();
        const room = Math.min(BATCH, roomOf(destination, ids));
        if (room <= 0) continue;
        held.delete(destination); // the query finds them
        queriedAt.set(destination, Date.now());
        // Only this destination's rows in flight or being recorded can come back from its query (and the parked ones, rare).
        const rows = outbox.due(performedKinds, destination, now, room, [...ids, ...(recording.get(destination) ?? []), ...parked.keys()]);
        if (rows.length < room) backlog.delete(destination);
        // Read after the query: a commit it saw set the fence before it committed, and keeps it until flushed.
        const onDisk = fence.before();
        for (const row of rows) if (onDisk === Number.POSITIVE_INFINITY || Date.parse(row.createdAt) < onDisk) start(row, ids);
      }
    } catch (error) {
      console.error("dispatcher: the outbox could not be read; the next beat tries again", error);
    }
    if (running > 0 || recording.size > 0 || idle.length === 0) return;
    // Before saying "empty", look once more with a fresh list: settling may have queued rows for a new destination.
    if (!refresh) return pump(true);
    for (const done of idle.splice(0)) done();
  }

  const roomOf = (destination: string, ids: Set<string>) => Math.min(total - running, capOf(destination) - ids.size);

  /** A handed-over row for a full destination: held until room frees, or left for a query (one is due, or too many wait). */
  function hold(row: OutboxRow) {
    if (backlog.has(row.destination)) return;
    const rows = held.get(row.destination) ?? [];
    if (rows.length >= MAX_HELD) {
      held.delete(row.destination);
      backlog.add(row.destination);
      return;
    }
    if (rows.length === 0 && !(Date.now() - (queriedAt.get(row.destination) ?? 0) < QUERY_EVERY_MS)) queriedAt.set(row.destination, Date.now());
    rows.push(row);
    held.set(row.destination, rows);
  }

  /** Rows a commit wrote, once it is on disk: each starts now if it is due and its destination has room, else waits. */
  function offer(rows: readonly WrittenRow[]) {
    const now = clock();
    for (const row of rows) {
      if (!performerOf(row.kind) || parked.has(row.id)) continue;
      const ids = inFlight.get(row.destination) ?? new Set<string>();
      if (ids.has(row.id) || recording.get(row.destination)?.has(row.id)) continue; // a query found it first
      if (row.dueAt > now) backlog.add(row.destination);
      else if (roomOf(row.destination, ids) <= 0) hold(row);
      else start(row, ids);
    }
    if (backlog.size > 0) pumpSoon();
  }

  return {
    /** Starts what is due now without waiting for it (on the background beat; `offer` after each commit). */
    poll: () => pump(),
    offer,
    /** Drops the rows held in memory (an erasure rewrote or cancelled rows): their destinations are queried instead. */
    forget() {
      for (const destination of held.keys()) backlog.add(destination); // held rows are dropped at its query
      pumpSoon();
    },
    /** Starts what is due and resolves once nothing is in flight (rows that settling added included). */
    kick(): Promise<void> {
      const done = new Promise<void>((resolve) => idle.push(resolve));
      pump(true);
      return done;
    },
  };
}
