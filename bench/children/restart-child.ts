/**
 * A fresh process for (d). `engine`: createEngine (background on) and ingest one reply for a
 * waiting conversation; `floor`: openDatabase and one trivial SELECT. Prints one JSON line.
 * Times are performance.now() (ms since this process started); `origin` is its epoch offset.
 */
import { readFileSync } from "node:fs";

const [mode, dbFile, address, messageId] = process.argv.slice(2);
const peakRss = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"))![1]) * 1024;

async function engineMode() {
  const { createEngine } = await import("../../engine/index");
  const { testDb } = await import("../../engine/testing/test-db");
  const started = performance.now(); // also: the imports are done
  const engine = createEngine({ dbFile, background: true });
  const outcome = await engine.ingest({ channel: "webchat", providerMessageId: messageId, address, name: null, text: "A-123456" });
  const committed = performance.now();
  const instance = testDb(engine).prepare(`SELECT status FROM "Instance" WHERE id = ?`).get(outcome.instanceId) as { status: string } | undefined;
  const timers = testDb(engine).prepare(`SELECT status FROM "Timer" WHERE instanceId = ?`).pluck().all(outcome.instanceId);
  await engine.close();
  return { started, committed, instanceId: outcome.instanceId, status: instance?.status, timers };
}

async function floorMode() {
  const { openDatabase } = await import("../../engine/store/db");
  const started = performance.now(); // also: the imports are done
  const db = openDatabase(dbFile);
  db.prepare(`SELECT id FROM "Instance" LIMIT 1`).get();
  const committed = performance.now();
  db.close();
  return { started, committed };
}

const result = mode === "engine" ? await engineMode() : await floorMode();
process.stdout.write(`${JSON.stringify({ ...result, origin: performance.timeOrigin, peakRss: peakRss() })}\n`);
