/**
 * Engines on throw-away SQLite files for integration tests: no background work (the test calls
 * `dispatch()` and `fireDueTimers()`), a fake clock, and a recording channel in place of webchat.
 */
import { afterEach, beforeEach } from "vitest";
import { createEngine, type Engine, type EngineOptions } from "../index";
import { flowTemplates } from "../../templates/catalog";
import type { FlowDocument } from "../contracts/flow";
import { fakeClock, type FakeClock } from "./fake-clock";
import { recordingChannel, type RecordingChannel } from "./recording-channel";
import { tempDb, type TempDb } from "./temp-db";
import { testDb } from "./test-db";

export { tempDb };

export type TestEngine = { engine: Engine; channel: RecordingChannel; clock: FakeClock };

/** Opens an engine on `file`; pass the previous clock and channel again to "restart" it. */
export function openTestEngine(
  file: string,
  opts: Pick<EngineOptions, "faults" | "outbound" | "instanceLimits" | "channelSettings"> & { clock?: FakeClock; channel?: RecordingChannel } = {},
): TestEngine {
  const clock = opts.clock ?? fakeClock();
  const channel = opts.channel ?? recordingChannel();
  const engine = createEngine({
    dbFile: file,
    clock: clock.now,
    channels: [channel],
    background: false,
    faults: opts.faults,
    templates: flowTemplates,
    outbound: opts.outbound,
    instanceLimits: opts.instanceLimits,
    channelSettings: opts.channelSettings,
  });
  return { engine, channel, clock };
}

/**
 * A fresh temp DB and engine for every test of the enclosing file or `describe`, closed and removed
 * after it; `setup` prepares each new engine (publish a flow, seed the demo). The returned object
 * always shows the running test's engine, so read it inside tests and hooks only. `outbound` is the
 * engine's outbound policy (tests that call servers on 127.0.0.1 must allow them).
 */
export function useTestEngine(setup?: (t: TestEngine) => unknown, { outbound }: Pick<EngineOptions, "outbound"> = {}): TestEngine {
  const live = perTest(
    () => {
      const tmp = tempDb();
      return { tmp, ...openTestEngine(tmp.file, { outbound }) };
    },
    async ({ tmp, engine }) => {
      await engine.close();
      tmp.remove();
    },
    setup,
  );
  return {
    get engine() {
      return live().engine;
    },
    get channel() {
      return live().channel;
    },
    get clock() {
      return live().clock;
    },
  };
}

/**
 * A fresh temp DB for every test of the enclosing file or `describe`, removed after it, for tests that
 * open, restart or crash engines themselves (and close what they open). Read it inside tests and hooks only.
 */
export function useTempDb(prefix?: string): Pick<TempDb, "dir" | "file"> {
  const live = perTest(
    () => tempDb(prefix),
    (tmp) => tmp.remove(),
  );
  return {
    get dir() {
      return live().dir;
    },
    get file() {
      return live().file;
    },
  };
}

/** Makes a value (then runs `setup` on it) before every test and disposes of it after; the accessor returns the running test's. */
function perTest<T>(make: () => T, dispose: (value: T) => unknown, setup?: (value: T) => unknown): () => T {
  let current: T | undefined;
  beforeEach(async () => {
    current = make();
    await setup?.(current);
  });
  afterEach(async () => {
    const value = current;
    current = undefined;
    if (value !== undefined) await dispose(value);
  });
  return () => current ?? outsideTest();
}

function outsideTest(): never {
  throw new Error("the per-test engine and temp DB exist only while a test runs");
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
  return (
    testDb(engine)
      .prepare(`SELECT COUNT(*) AS n FROM "${table}" WHERE ${where}`)
      .get(...params) as { n: number }
  ).n;
}

/** The outbox in dispatch order. */
export type OutboxRow = { id: string; instanceId: string | null; status: string; attempts: number; payload: string };
export function outboxRows(engine: Engine): OutboxRow[] {
  return testDb(engine).prepare(`SELECT id, instanceId, status, attempts, payload FROM "OutboxMessage" ORDER BY createdAt, id`).all() as OutboxRow[];
}

/** An instance as stored (undefined if there is none). */
export type InstanceRowView = { id: string; versionId: string; status: string; state: string; stepCount: number };
export function instanceRow(engine: Engine, id: string): InstanceRowView {
  return testDb(engine).prepare(`SELECT id, versionId, status, state, stepCount FROM "Instance" WHERE id = ?`).get(id) as InstanceRowView;
}

/** The instance's log in the order it was written (not sorted by step, so a misordering shows). */
export function stepLog(engine: Engine, instanceId: string): { step: number; type: string; payload: Record<string, unknown>; trail: string[] }[] {
  const rows = testDb(engine).prepare(`SELECT step, type, payload, trail FROM "InstanceEvent" WHERE instanceId = ? ORDER BY id`).all(instanceId) as {
    step: number;
    type: string;
    payload: string;
    trail: string;
  }[];
  return rows.map((r) => ({ step: r.step, type: r.type, payload: JSON.parse(r.payload), trail: JSON.parse(r.trail) }));
}
