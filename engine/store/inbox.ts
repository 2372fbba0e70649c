import { createHash } from "node:crypto";
import { iso, type Db } from "./db";

/**
 * An inbox key from its parts (kind, sender, the sender's own id ...). Each part is
 * percent-encoded, so ":" inside a part cannot make two different part lists the same key, and
 * nothing is cut short.
 */
export const inboxKey = (...parts: string[]) => parts.map(encodeURIComponent).join(":");

/** A channel address as inbox keys hold it: a digest, so the key scopes by sender without keeping who they are. */
export const addressDigest = (address: string) => createHash("sha256").update(address).digest("base64url").slice(0, 22);

/**
 * Every inbound event under its deduplication key (provider message id, CRM event id, webhook
 * idempotency key, due schedule, fired timer, completed task): a key is accepted once.
 */
export function createInboxRepository(db: Db) {
  const insert = db.prepare(`INSERT OR IGNORE INTO "InboxMessage" (id, source, payload, createdAt) VALUES (?, ?, ?, ?)`);
  const link = db.prepare(`UPDATE "InboxMessage" SET instanceId = ? WHERE id = ?`);
  return {
    /** Records an event under its key; false when the key was seen before (a duplicate). */
    record(key: string, source: string, payload: unknown, at: number): boolean {
      return insert.run(key, source, JSON.stringify(payload), iso(at)).changes > 0;
    },
    link(key: string, instanceId: string): void {
      link.run(instanceId, key);
    },
  };
}

export type InboxRepository = ReturnType<typeof createInboxRepository>;
