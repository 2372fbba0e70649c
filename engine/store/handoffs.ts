import { iso, type Db } from "./db";

/** One-time links that join a customer's address on another channel to the same customer. */
export function createHandoffRepository(db: Db) {
  const find = db.prepare(`SELECT customerId, expiresAt FROM "ChannelHandoff" WHERE id = ? AND channel = ? AND usedAt IS NULL`);
  const use = db.prepare(`UPDATE "ChannelHandoff" SET usedAt = ? WHERE id = ?`);
  const insert = db.prepare(
    `INSERT OR IGNORE INTO "ChannelHandoff" (id, customerId, conversationId, instanceId, channel, createdAt, expiresAt) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  return {
    /** An unused token for this channel: whose it is and until when (ms). */
    unused(token: string, channel: string): { customerId: string; expiresAt: number } | undefined {
      const row = find.get(token, channel) as { customerId: string; expiresAt: string } | undefined;
      return row && { customerId: row.customerId, expiresAt: Date.parse(row.expiresAt) };
    },
    markUsed(token: string, at: number): void {
      use.run(iso(at), token);
    },
    create(h: { token: string; customerId: string; conversationId: string | null; instanceId: string; channel: string; at: number; expiresAt: number }): void {
      insert.run(h.token, h.customerId, h.conversationId, h.instanceId, h.channel, iso(h.at), iso(h.expiresAt));
    },
  };
}

export type HandoffRepository = ReturnType<typeof createHandoffRepository>;
