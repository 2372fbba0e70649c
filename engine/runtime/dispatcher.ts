import type { ChannelAdapter, OutboundMessage } from "../channels/channel";
import type { Channel } from "../contracts/events";
import { iso, type Db } from "../store/db";

export type DispatcherFaults = {
  /** Fault injection: called after a channel accepted a message, before the outbox row is marked done. */
  afterSend?: (message: OutboundMessage) => void;
};

const MAX_ATTEMPTS = 8;

/**
 * Executes the outbox after commit. At-least-once: a row is marked done only after its channel
 * accepted it, and the row id travels as the idempotency key, so a crash in between repeats the
 * send with the same key instead of losing it. Failures back off exponentially up to MAX_ATTEMPTS.
 */
export function createDispatcher(db: Db, channels: Map<Channel, ChannelAdapter>, clock: () => number, faults: DispatcherFaults = {}) {
  const pending = db.prepare(`SELECT id, payload, attempts FROM "OutboxMessage" WHERE status = 'pending' AND kind = 'message.send' ORDER BY createdAt, id LIMIT 200`);
  const done = db.prepare(`UPDATE "OutboxMessage" SET status = 'done', attempts = attempts + 1, doneAt = ? WHERE id = ?`);
  const delivered = db.prepare(`UPDATE "Message" SET status = 'sent' WHERE id = ?`);
  const failed = db.prepare(`UPDATE "OutboxMessage" SET attempts = attempts + 1, lastError = ?, status = CASE WHEN attempts + 1 >= ${MAX_ATTEMPTS} THEN 'failed' ELSE 'pending' END WHERE id = ?`);
  const markDone = db.transaction((message: OutboundMessage, at: number) => {
    done.run(iso(at), message.key);
    delivered.run(message.messageId);
  });

  const inFlight = new Set<string>();
  const retryAt = new Map<string, number>();
  let running: Promise<void> | null = null;
  let again = false;

  async function sendOne(row: { id: string; payload: string; attempts: number }) {
    const message = { key: row.id, ...(JSON.parse(row.payload) as Omit<OutboundMessage, "key">) };
    const adapter = channels.get(message.channel);
    try {
      if (!adapter) throw new Error(`no adapter for channel ${message.channel}`);
      await adapter.send(message);
      faults.afterSend?.(message);
      markDone(message, clock());
      retryAt.delete(row.id);
    } catch (error) {
      failed.run(String((error as Error).message ?? error).slice(0, 500), row.id);
      retryAt.set(row.id, clock() + Math.min(60_000, 250 * 2 ** row.attempts));
    } finally {
      inFlight.delete(row.id);
    }
  }

  async function drain() {
    do {
      again = false;
      const now = clock();
      const rows = (pending.all() as { id: string; payload: string; attempts: number }[]).filter(
        (r) => !inFlight.has(r.id) && (retryAt.get(r.id) ?? 0) <= now,
      );
      rows.forEach((r) => inFlight.add(r.id));
      await Promise.all(rows.map(sendOne));
    } while (again);
  }

  return {
    /** Starts draining (or asks the running drain to look again). Resolves when the outbox is idle. */
    kick(): Promise<void> {
      if (running) {
        again = true;
        return running;
      }
      running = drain().finally(() => (running = null));
      return running;
    },
  };
}
