/**
 * Engines on throw-away SQLite files for integration tests: no background work (the test calls
 * `dispatch()` and `fireDueTimers()`), a fake clock, and a recording channel in place of webchat.
 */
import { createEngine, type Engine } from "../index";
import type { SendFaults } from "../channels/message-performer";
import type { FlowDocument } from "../contracts/flow";
import { fakeClock, type FakeClock } from "./fake-clock";
import { recordingChannel, type RecordingChannel } from "./recording-channel";

export { tempDb } from "./temp-db";

export type TestEngine = { engine: Engine; channel: RecordingChannel; clock: FakeClock };

/** Opens an engine on `file`; pass the previous clock and channel again to "restart" it. */
export function openTestEngine(file: string, opts: { clock?: FakeClock; channel?: RecordingChannel; faults?: SendFaults } = {}): TestEngine {
  const clock = opts.clock ?? fakeClock();
  const channel = opts.channel ?? recordingChannel();
  const engine = createEngine({ dbFile: file, clock: clock.now, channels: [channel], background: false, faults: opts.faults });
  return { engine, channel, clock };
}

/** Creates and publishes a flow; returns its id and the version id. */
export async function publishFlow(engine: Engine, name: string, doc: FlowDocument): Promise<{ flowId: string; versionId: string }> {
  const { id } = await engine.flows.create(name, doc);
  const version = await engine.flows.publish(id);
  return { flowId: id, versionId: version.id };
}

/** A web chat webhook payload. */
export function chat(visitorId: string, messageId: string, text: string, name?: string) {
  return { visitorId, messageId, text, ...(name && { name }) };
}

/** Rows of a table, optionally filtered by a SQL condition. */
export function countRows(engine: Engine, table: string, where = "1 = 1", ...params: unknown[]): number {
  return (engine.db.prepare(`SELECT COUNT(*) AS n FROM "${table}" WHERE ${where}`).get(...params) as { n: number }).n;
}

/** The outbox in dispatch order. */
export type OutboxRow = { id: string; instanceId: string | null; status: string; attempts: number; payload: string };
export function outboxRows(engine: Engine): OutboxRow[] {
  return engine.db.prepare(`SELECT id, instanceId, status, attempts, payload FROM "OutboxMessage" ORDER BY createdAt, id`).all() as OutboxRow[];
}

/** An instance as stored (undefined if there is none). */
export type InstanceRowView = { id: string; versionId: string; status: string; state: string; stepCount: number };
export function instanceRow(engine: Engine, id: string): InstanceRowView {
  return engine.db.prepare(`SELECT id, versionId, status, state, stepCount FROM "Instance" WHERE id = ?`).get(id) as InstanceRowView;
}

/** The instance's log in the order it was written (not sorted by step, so a misordering shows). */
export function stepLog(engine: Engine, instanceId: string): { step: number; type: string; payload: Record<string, unknown>; trail: string[] }[] {
  const rows = engine.db.prepare(`SELECT step, type, payload, trail FROM "InstanceEvent" WHERE instanceId = ? ORDER BY id`).all(instanceId) as { step: number; type: string; payload: string; trail: string }[];
  return rows.map((r) => ({ step: r.step, type: r.type, payload: JSON.parse(r.payload), trail: JSON.parse(r.trail) }));
}
