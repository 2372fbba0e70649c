import { iso, type Db } from "./db";

export type DueTimer = { id: string; instanceId: string; nodeId: string; dueAt: number };

/** Durable timers: rows with an absolute due time, fired exactly once by claiming them. */
export function createTimerRepository(db: Db) {
  const s = {
    insert: db.prepare(`INSERT OR IGNORE INTO "Timer" (id, instanceId, nodeId, dueAt, status, createdAt) VALUES (?, ?, ?, ?, 'pending', ?)`),
    cancel: db.prepare(`UPDATE "Timer" SET status = 'cancelled' WHERE id = ? AND status = 'pending'`),
    cancelForInstance: db.prepare(`UPDATE "Timer" SET status = 'cancelled' WHERE instanceId = ? AND status = 'pending'`),
    claim: db.prepare(`UPDATE "Timer" SET status = 'fired' WHERE id = ? AND status = 'pending'`),
    fail: db.prepare(`UPDATE "Timer" SET status = 'failed' WHERE id = ? AND status = 'pending'`),
    due: db.prepare(`SELECT id, instanceId, nodeId, dueAt FROM "Timer" WHERE status = 'pending' AND dueAt <= ? ORDER BY dueAt LIMIT ?`),
    pendingOf: db.prepare(`SELECT id, instanceId, nodeId, dueAt FROM "Timer" WHERE instanceId = ? AND status = 'pending'`),
    readdress: db.prepare(`UPDATE "Timer" SET nodeId = ? WHERE id = ? AND status = 'pending'`),
  };
  return {
    set(key: string, instanceId: string, nodeId: string, dueAt: number, at: number): void {
      s.insert.run(key, instanceId, nodeId, dueAt, iso(at));
    },
    /** Cancels a pending timer; false when there was none under this key. */
    cancel(key: string): boolean {
      return s.cancel.run(key).changes > 0;
    },
    cancelForInstance(instanceId: string): void {
      s.cancelForInstance.run(instanceId);
    },
    /** Takes a due timer for firing; false when it was fired or cancelled already. */
    claim(id: string): boolean {
      return s.claim.run(id).changes > 0;
    },
    /** A timer whose step kept failing: left for people to look at, never fired. */
    fail(id: string): void {
      s.fail.run(id);
    },
    due(now: number, limit: number): DueTimer[] {
      return s.due.all(now, limit) as DueTimer[];
    },
    /** An instance's pending timers. */
    pendingOf(instanceId: string): DueTimer[] {
      return s.pendingOf.all(instanceId) as DueTimer[];
    },
    /** A pending timer now fires for another node (its instance moved to a new version); the due time stays. */
    readdress(id: string, nodeId: string): void {
      s.readdress.run(nodeId, id);
    },
  };
}

export type TimerRepository = ReturnType<typeof createTimerRepository>;
