import type { Db } from "../store/db";

/** A failure that retrying cannot fix (no adapter, no address, attempts used up). */
export class PermanentFailure extends Error {}

/** The request may have been processed (e.g. a timeout after sending a POST): never resent blindly. */
export class UnknownOutcome extends Error {}

/** One outbox row as a performer sees it. */
export type OutboxItem = { key: string; kind: string; instanceId: string | null; payload: unknown; attempts: number };

/** Carries out one kind of effect; resolves with its result, throws to fail (plain errors are retried). */
export type Performer = (item: OutboxItem) => Promise<unknown>;

/** What became of one effect; `final` failures are not retried. */
export type EffectOutcome = OutboxItem & ({ ok: true; result: unknown } | { ok: false; error: string; final: boolean; unknown: boolean });

const MAX_ATTEMPTS = 8;

/**
 * Executes the outbox after commit, whatever the kind of effect (sends, HTTP calls). At-least-once:
 * a row is settled (marked, and its result fed back to the flow as an event) only after the
 * performer finished, and the row id travels as the idempotency key, so a crash in between repeats
 * the effect with the same key instead of losing it. Failures back off exponentially.
 */
export function createDispatcher(db: Db, performers: Record<string, Performer>, clock: () => number, settle: (outcome: EffectOutcome) => Promise<unknown>) {
  const kinds = Object.keys(performers);
  const pending = db.prepare(
    `SELECT id, kind, instanceId, payload, attempts FROM "OutboxMessage" WHERE status = 'pending' AND kind IN (${kinds.map(() => "?").join(", ")}) ORDER BY createdAt, rowid LIMIT 200`,
  );
  const inFlight = new Set<string>();
  const retryAt = new Map<string, number>();
  let running: Promise<void> | null = null;

  async function performOne(row: { id: string; kind: string; instanceId: string | null; payload: string; attempts: number }) {
    const item: OutboxItem = { key: row.id, kind: row.kind, instanceId: row.instanceId, payload: JSON.parse(row.payload), attempts: row.attempts };
    try {
      const result = await performers[row.kind](item);
      await settle({ ...item, ok: true, result });
      retryAt.delete(row.id);
    } catch (error) {
      const unknown = error instanceof UnknownOutcome;
      const final = unknown || error instanceof PermanentFailure || row.attempts + 1 >= MAX_ATTEMPTS;
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
      const rows = (pending.all(...kinds) as { id: string; kind: string; instanceId: string | null; payload: string; attempts: number }[]).filter(
        (r) => !inFlight.has(r.id) && (retryAt.get(r.id) ?? 0) <= now,
      );
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
