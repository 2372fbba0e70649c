import type { ChannelAdapter, OutboundMessage } from "../channels/channel";
import type { Channel } from "../contracts/events";
import type { Db } from "../store/db";
import type { OutboxPayload } from "../store/step-store";

export type DispatcherFaults = {
  /** Fault injection: called after a channel accepted a message, before the outbox row is marked done. */
  afterSend?: (message: OutboundMessage) => void;
};

/** What became of one send; `final` failures are not retried. */
export type SendOutcome = { key: string; instanceId: string | null; payload: OutboxPayload } & (
  | { ok: true }
  | { ok: false; error: string; final: boolean }
);

const MAX_ATTEMPTS = 8;

class PermanentFailure extends Error {}

/**
 * Executes the outbox after commit. At-least-once: a row is settled (marked done, and its
 * delivery result fed back to the flow when it asked) only after the channel accepted it, and
 * the row id travels as the idempotency key, so a crash in between repeats the send with the
 * same key instead of losing it. Failures back off exponentially up to MAX_ATTEMPTS; a missing
 * adapter or address fails at once.
 */
export function createDispatcher(
  db: Db,
  channels: Map<Channel, ChannelAdapter>,
  clock: () => number,
  settle: (outcome: SendOutcome) => Promise<unknown>,
  faults: DispatcherFaults = {},
) {
  const pending = db.prepare(`SELECT id, instanceId, payload, attempts FROM "OutboxMessage" WHERE status = 'pending' AND kind = 'message.send' ORDER BY createdAt, id LIMIT 200`);
  const inFlight = new Set<string>();
  const retryAt = new Map<string, number>();
  let running: Promise<void> | null = null;

  async function sendOne(row: { id: string; instanceId: string | null; payload: string; attempts: number }) {
    const payload = JSON.parse(row.payload) as OutboxPayload;
    const base = { key: row.id, instanceId: row.instanceId, payload };
    try {
      const adapter = channels.get(payload.channel);
      if (!adapter) throw new PermanentFailure(`no ${payload.channel} channel is configured`);
      if (!payload.address) throw new PermanentFailure(`the customer has no ${payload.channel} address`);
      const message: OutboundMessage = { key: row.id, messageId: payload.messageId, conversationId: payload.conversationId, channel: payload.channel, address: payload.address, text: payload.text };
      await adapter.send(message);
      faults.afterSend?.(message);
      await settle({ ...base, ok: true });
      retryAt.delete(row.id);
    } catch (error) {
      const final = error instanceof PermanentFailure || row.attempts + 1 >= MAX_ATTEMPTS;
      await settle({ ...base, ok: false, error: String((error as Error).message ?? error).slice(0, 500), final });
      if (!final) retryAt.set(row.id, clock() + Math.min(60_000, 250 * 2 ** row.attempts));
    } finally {
      inFlight.delete(row.id);
    }
  }

  /** Sends until nothing is due, including rows that settling a send has just added. */
  async function drain() {
    for (;;) {
      const now = clock();
      const rows = (pending.all() as { id: string; instanceId: string | null; payload: string; attempts: number }[]).filter(
        (r) => !inFlight.has(r.id) && (retryAt.get(r.id) ?? 0) <= now,
      );
      if (rows.length === 0) return;
      rows.forEach((r) => inFlight.add(r.id));
      await Promise.all(rows.map(sendOne));
    }
  }

  return {
    /** Starts draining unless a drain is running (it re-reads the outbox until it is empty). */
    kick(): Promise<void> {
      running ??= drain().finally(() => (running = null));
      return running;
    },
  };
}
