import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeEach, describe, expect, it } from "vitest";
import { fakeClock } from "../../engine/testing/fake-clock";
import { ackFlow } from "../../engine/testing/flows";
import { countRows, openTestEngine, outboxRows, publishFlow, useTempDb } from "../../engine/testing/test-engine";
import type { CrashLog, CrashPoint } from "./crash-child";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CHILD = fileURLToPath(new URL("./crash-child.ts", import.meta.url));
const REPLY = "Thanks, we are checking your order.";

const tmp = useTempDb("omniflow-crash-");
let logFile: string;

beforeEach(async () => {
  logFile = path.join(tmp.dir, "child.log");
  const { engine } = openTestEngine(tmp.file);
  await publishFlow(engine, "Acknowledge", ackFlow(REPLY));
  await engine.close();
});

type Sent = Extract<CrashLog, { event: "sent" }>;
const isSent = (line: CrashLog): line is Sent => line.event === "sent";

/** Runs the child until it kills itself; returns how it ended and what it logged. */
function crashChild(point: CrashPoint): Promise<{ signal: NodeJS.Signals | null; code: number | null; log: CrashLog[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, point, tmp.file, logFile], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      const lines = existsSync(logFile) ? readFileSync(logFile, "utf8").trim().split("\n").filter(Boolean) : [];
      resolve({ code, signal, log: lines.map((l) => JSON.parse(l) as CrashLog) });
    });
  });
}

/** Restarts on the crashed file and dispatches (twice); returns the outbox before and after, what was sent, and row counts. */
async function recover() {
  // The child wrote its rows on the real clock; the outbox performs rows due by the engine's clock.
  const t = openTestEngine(tmp.file, { clock: fakeClock(Date.now()) });
  const before = outboxRows(t.engine);
  await t.engine.dispatch();
  await t.engine.dispatch(); // a second pass must find nothing left to send
  const after = outboxRows(t.engine);
  const counts = {
    inbound: countRows(t.engine, "Message", "direction = 'in'"),
    outbound: countRows(t.engine, "Message", "direction = 'out'"),
    outboundSent: countRows(t.engine, "Message", "direction = 'out' AND status = 'sent'"),
    completedInstances: countRows(t.engine, "Instance", "status = 'completed'"),
  };
  await t.engine.close();
  return { before, after, sent: t.channel.sent, counts };
}

describe("crash recovery (a real process, killed with SIGKILL)", () => {
  it("sends a committed reply exactly once after a crash before the outbox was dispatched", async () => {
    const child = await crashChild("before-dispatch");
    expect(child).toMatchObject({ signal: "SIGKILL", code: null }); // died where it was told to, not of an error
    expect(child.log).toEqual([{ event: "committed", instanceId: expect.any(String) }]);

    const { before, after, sent, counts } = await recover();
    expect(before).toHaveLength(1);
    const [committed] = child.log as Extract<CrashLog, { event: "committed" }>[];
    expect(before[0]).toMatchObject({ id: `${committed.instanceId}:1`, status: "pending", attempts: 0 }); // the effect's key
    expect(sent.map((m) => [m.key, m.text])).toEqual([[before[0].id, REPLY]]);
    expect(after).toMatchObject([{ id: before[0].id, status: "done", attempts: 1 }]);
    expect(counts).toEqual({ inbound: 1, outbound: 1, outboundSent: 1, completedInstances: 1 });
  });

  it("resends with the same idempotency key after a crash between the provider's accept and `done`", async () => {
    const child = await crashChild("after-send");
    expect(child).toMatchObject({ signal: "SIGKILL", code: null }); // died where it was told to, not of an error
    const accepted = child.log.filter(isSent);
    expect(accepted).toEqual([{ event: "sent", key: expect.any(String), text: REPLY }]);
    const { key } = accepted[0];

    const { before, after, sent, counts } = await recover();
    expect(before).toMatchObject([{ id: key, status: "pending", attempts: 0 }]);
    // At-least-once: the provider sees the message again, under the key it already knows, so it can dedupe.
    expect(sent.map((m) => [m.key, m.text])).toEqual([[key, REPLY]]);
    expect(after).toMatchObject([{ id: key, status: "done", attempts: 1 }]);
    expect(new Set([...accepted, ...sent].map((m) => m.key))).toEqual(new Set([key])); // never a second key
    expect(counts).toEqual({ inbound: 1, outbound: 1, outboundSent: 1, completedInstances: 1 });
  });
});
