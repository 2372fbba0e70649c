import type { Statement } from "better-sqlite3";
import type { Channel } from "../contracts/events";
import { iso, type Db } from "./db";

/** One outbox row as the dispatcher reads it. */
export type OutboxRow = { id: string; kind: string; instanceId: string | null; payload: string; attempts: number; destination: string };
/** A row as a query for due rows reads it: with when it was created (engine ms), which the durable fence compares. */
export type DueRow = OutboxRow & { createdAt: string };
/** A row as written, with the engine time it is due from: what a commit hands the dispatcher (runtime/group-commit.ts `journal`). */
export type WrittenRow = OutboxRow & { dueAt: number };
/** A reply its own commit delivered (a channel read from the store: contracts/channels.ts `deliveredOnCommit`): nothing to perform. */
export type DeliveredReply = { key: string; messageId: string; conversationId: string; channel: Channel; address: string; text: string; buttons?: string[] };
/** What a commit hands over once it is on disk: rows for the dispatcher, and replies it delivered (their listeners wake). */
export type Committed = WrittenRow | { delivered: DeliveredReply };

/**
 * Effects that leave the process (sends, HTTP calls), written in the step's transaction and performed after commit.
 * Replies on the channels in `deliveredOnCommit` leave no row: the commit that writes them delivers them.
 */
export function createOutboxRepository(db: Db, deliveredOnCommit: readonly string[] = []) {
  const onCommit = new Set(deliveredOnCommit);
  const insert = db.prepare(
    `INSERT INTO "OutboxMessage" (id, instanceId, kind, payload, status, attempts, createdAt, dueAt, destination) VALUES (?, ?, ?, ?, 'pending', 0, ?, ?, ?)`,
  );
  const settle = db.prepare(
    `UPDATE "OutboxMessage" SET status = ?, attempts = attempts + 1, lastError = ?, doneAt = ?, dueAt = ? WHERE id = ? AND status = 'pending'`,
  );
  const statements = new Map<string, Statement<unknown[]>>();
  const statement = (key: string, prepare: () => Statement<unknown[]>) => {
    let stmt = statements.get(key);
    if (!stmt) statements.set(key, (stmt = prepare()));
    return stmt;
  };
  // The rows written since `journal.begin()`: the group commit hands them to the dispatcher once its commit is on
  // disk, so a row is performed without reading it back (another connection's commits make those reads slow).
  let written: Committed[] = [];
  const journal = {
    /** A transaction begins: what an earlier attempt wrote is gone with it. */
    begin: () => void (written = []),
    mark: () => written.length,
    /** A unit rolled back to its savepoint: its rows are not written. */
    undo: (mark: number) => void (written.length = mark),
    take: () => {
      const rows = written;
      written = [];
      return rows;
    },
    /** The earliest engine time a row written since `begin()` was created at (null: none); store/durable-fence.ts. */
    oldest: () => {
      let least: number | null = null;
      for (const w of written) if (!("delivered" in w) && (least === null || w.dueAt < least)) least = w.dueAt;
      return least;
    },
  };
  return {
    /** `destination` is where the effect goes ("channel:webchat", "http:api.example.com"). */
    add(key: string, instanceId: string | null, kind: string, payload: unknown, at: number, destination: string): void {
      const json = JSON.stringify(payload);
      insert.run(key, instanceId, kind, json, iso(at), iso(at), destination);
      written.push({ id: key, kind, instanceId, payload: json, attempts: 0, destination, dueAt: at });
    },
    journal,
    /** Whether a reply on `channel` is delivered by its commit instead of performed from a row. */
    deliversOnCommit: (channel: string) => onCommit.has(channel),
    /** A reply written as sent in this transaction: its listeners are woken once the commit is on disk. */
    delivered(reply: DeliveredReply): void {
      written.push({ delivered: reply });
    },
    /**
     * Records what became of an effect: done / failed / unknown (final) or still pending, tried
     * again at `retryAt`. Returns false when the row was already settled (a repeat after a crash).
     */
    settle(key: string, result: "done" | "failed" | "unknown" | "retry", error: string | null, at: number, retryAt = at): boolean {
      const status = result === "retry" ? "pending" : result;
      return settle.run(status, error, result === "done" ? iso(at) : null, iso(retryAt), key).changes > 0;
    },
    /** Destinations with pending rows of these kinds due by `now` (the dispatcher asks a few times a second at most). */
    dueDestinations(kinds: string[], now: number): string[] {
      const rows = statement(`destinations:${kinds}`, () =>
        db.prepare<unknown[]>(
          // A skip scan of the (status, destination, dueAt) index: one seek per destination, however many rows wait.
          `WITH RECURSIVE d(destination) AS (
             SELECT (SELECT destination FROM "OutboxMessage" WHERE status = 'pending' ORDER BY destination LIMIT 1)
             UNION ALL
             SELECT (SELECT destination FROM "OutboxMessage" WHERE status = 'pending' AND destination > d.destination ORDER BY destination LIMIT 1)
             FROM d WHERE d.destination IS NOT NULL)
           SELECT destination FROM d WHERE destination IS NOT NULL AND EXISTS (
             SELECT 1 FROM "OutboxMessage" o WHERE o.status = 'pending' AND o.destination = d.destination AND o.dueAt <= ?
               AND o.kind IN (${kinds.map(() => "?").join(", ")}))`,
        ),
      ).all(iso(now), ...kinds) as { destination: string }[];
      return rows.map((r) => r.destination);
    },
    /**
     * One destination's pending rows of these kinds due by `now`, earliest first (at most `limit`),
     * leaving out the ids in `skip` (rows in flight or parked). An index seek: a backlog elsewhere costs nothing.
     */
    due(kinds: string[], destination: string, now: number, limit: number, skip: Iterable<string>): DueRow[] {
      return statement(`due:${kinds}`, () =>
        db.prepare<unknown[]>(
          `SELECT id, kind, instanceId, payload, attempts, destination, createdAt FROM "OutboxMessage"
           WHERE status = 'pending' AND destination = ? AND dueAt <= ? AND kind IN (${kinds.map(() => "?").join(", ")})
             AND id NOT IN (SELECT value FROM json_each(?))
           ORDER BY dueAt, rowid LIMIT ?`,
        ),
      ).all(destination, iso(now), ...kinds, JSON.stringify([...skip]), limit) as DueRow[];
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
