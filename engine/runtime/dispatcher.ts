import { PermanentFailure, UnknownOutcome, type EffectOutcome, type OutboxItem, type PerformDeps } from "../effects/define-effect";
import { performedKinds, performerOf } from "../effects/registry";
import type { OutboxRepository, OutboxRow } from "../store/outbox";

const MAX_ATTEMPTS = 8;
const BATCH = 200;

/**
 * Executes the outbox after commit, whatever the kind of effect (sends, HTTP calls): each kind's
 * `perform` in effects/ says how. At-least-once: a row is settled (marked, and its result fed back
 * to the flow as an event) only after it was performed, and the row id travels as the idempotency
 * key, so a crash in between repeats the effect with the same key instead of losing it. Failures
 * back off exponentially.
 */
export function createDispatcher(outbox: OutboxRepository, deps: PerformDeps, clock: () => number, settle: (outcome: EffectOutcome) => Promise<unknown>) {
  const inFlight = new Set<string>();
  const retryAt = new Map<string, number>();
  let running: Promise<void> | null = null;

  async function performOne(row: OutboxRow) {
    let item: OutboxItem = { key: row.id, kind: row.kind, instanceId: row.instanceId, payload: JSON.parse(row.payload), attempts: row.attempts };
    try {
      // Only performed kinds are read, but a row is data: a kind nothing performs fails for good.
      const perform = performerOf(row.kind);
      if (!perform) throw new PermanentFailure(`effects of kind ${row.kind} are not performed`);
      item = { ...item, payload: perform.payload.parse(item.payload) };
      const result = await perform.run(item, deps);
      await settle({ ...item, ok: true, result });
      retryAt.delete(row.id);
    } catch (error) {
      const unknown = error instanceof UnknownOutcome;
      // A payload that no longer fits its kind's schema can never be performed.
      const final = unknown || error instanceof PermanentFailure || (error as Error).name === "ZodError" || row.attempts + 1 >= MAX_ATTEMPTS;
      await settle({ ...item, ok: false, error: String((error as Error).message ?? error).slice(0, 500), final, unknown });
      if (!final) retryAt.set(row.id, clock() + Math.min(60_000, 250 * 2 ** row.attempts));
    } finally {
      inFlight.delete(row.id);
    }
  }

  /** Performs until nothing is due, including rows that settling an effect has just added. */
  async function drain() {
    for (;;) {
      const now = clock();
      const rows = outbox.pending(performedKinds, BATCH).filter((r) => !inFlight.has(r.id) && (retryAt.get(r.id) ?? 0) <= now);
      if (rows.length === 0) return;
      rows.forEach((r) => inFlight.add(r.id));
      await Promise.all(rows.map(performOne));
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
