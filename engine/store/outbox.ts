import type { Statement } from "better-sqlite3";
import { iso, type Db } from "./db";

/** One outbox row as the dispatcher reads it. */
export type OutboxRow = { id: string; kind: string; instanceId: string | null; payload: string; attempts: number };

/** Effects that leave the process (sends, HTTP calls), written in the step's transaction and performed after commit. */
export function createOutboxRepository(db: Db) {
  const insert = db.prepare(`INSERT INTO "OutboxMessage" (id, instanceId, kind, payload, status, attempts, createdAt) VALUES (?, ?, ?, ?, 'pending', 0, ?)`);
  const settle = db.prepare(`UPDATE "OutboxMessage" SET status = ?, attempts = attempts + 1, lastError = ?, doneAt = ? WHERE id = ? AND status = 'pending'`);
  const pendingStatements = new Map<string, Statement<unknown[]>>();
  return {
    add(key: string, instanceId: string | null, kind: string, payload: unknown, at: number): void {
      insert.run(key, instanceId, kind, JSON.stringify(payload), iso(at));
    },
    /**
     * Records what became of an effect: done / failed / unknown (final) or still pending (retry).
     * Returns false when the row was already settled (a repeat after a crash).
     */
    settle(key: string, result: "done" | "failed" | "unknown" | "retry", error: string | null, at: number): boolean {
      const status = result === "retry" ? "pending" : result;
      return settle.run(status, error, result === "done" ? iso(at) : null, key).changes > 0;
    },
    /** Pending rows of these kinds in insertion order (at most `limit`). */
    pending(kinds: string[], limit: number): OutboxRow[] {
      const sig = `${kinds.join(",")}|${limit}`;
      let stmt = pendingStatements.get(sig);
      if (!stmt) {
        stmt = db.prepare<unknown[]>(
          `SELECT id, kind, instanceId, payload, attempts FROM "OutboxMessage"
           WHERE status = 'pending' AND kind IN (${kinds.map(() => "?").join(", ")})
           ORDER BY createdAt, rowid LIMIT ${Number(limit)}`,
        );
        pendingStatements.set(sig, stmt);
      }
      return stmt.all(...kinds) as OutboxRow[];
    },
  };
}

export type OutboxRepository = ReturnType<typeof createOutboxRepository>;
