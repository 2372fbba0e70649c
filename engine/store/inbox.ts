import { iso, type Db } from "./db";

/**
 * Every inbound event under its deduplication key (provider message id, CRM event id, webhook
 * idempotency key, due schedule, fired timer, completed task): a key is accepted once.
 */
export function createInboxRepository(db: Db) {
  const insert = db.prepare(`INSERT OR IGNORE INTO "InboxMessage" (id, source, payload, createdAt) VALUES (?, ?, ?, ?)`);
  const instanceOf = db.prepare(`SELECT instanceId FROM "InboxMessage" WHERE id = ?`);
  const link = db.prepare(`UPDATE "InboxMessage" SET instanceId = ? WHERE id = ?`);
  return {
    /** Records an event under its key; false when the key was seen before (a duplicate). */
    record(key: string, source: string, payload: unknown, at: number): boolean {
      return insert.run(key, source, JSON.stringify(payload), iso(at)).changes > 0;
    },
    /** The instance a recorded event went to (null when it started or reached none). */
    instanceOf(key: string): string | null {
      return (instanceOf.get(key) as { instanceId: string | null } | undefined)?.instanceId ?? null;
    },
    link(key: string, instanceId: string): void {
      link.run(instanceId, key);
    },
  };
}

export type InboxRepository = ReturnType<typeof createInboxRepository>;
