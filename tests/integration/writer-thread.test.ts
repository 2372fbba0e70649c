/**
 * The engine's writer on its own thread (engine/writer/thread.ts), as the server runs it: intake and
 * settling commit there, in order, across the hand-over from the engine's own writer at start; what
 * the engine learns after start (a publish) reaches it; operators' and owners' writes (imports, merges,
 * a deactivation's cancelling) commit there too; its refusals keep their code and field.
 */
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createEngine, type Engine } from "../../engine/index";
import { orderShippedFlow, replyAndNudgeFlow } from "../../engine/testing/flows";
import { recordingChannel } from "../../engine/testing/recording-channel";
import { chat, countRows, publishFlow, tempDb } from "../../engine/testing/test-engine";
import { buildWriterScript } from "./writer-script";

let writer: { script: string; dir: string };
const tmp = tempDb("omniflow-writer-thread-");
const channel = recordingChannel();
let engine: Engine;

beforeAll(async () => {
  writer = await buildWriterScript();
  const setup = createEngine({ dbFile: tmp.file, channels: [channel], background: false });
  await publishFlow(setup, "Reply and nudge", replyAndNudgeFlow(3600));
  await setup.close();
});
afterAll(async () => {
  await engine?.close();
  tmp.remove();
  rmSync(writer.dir, { recursive: true, force: true });
});

const waitFor = async (done: () => boolean, ms = 10_000) => {
  for (const end = Date.now() + ms; !done() && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
  return done();
};

describe("the writer thread", () => {
  it("takes messages from the first moment (inline until the thread is ready, then on it), each once and in order", async () => {
    engine = createEngine({ dbFile: tmp.file, channels: [channel], writerThread: writer.script });
    expect(engine.writerRunsOn()).toBe("inline");
    // Sent at once after start: the first land before the thread is ready, the rest after.
    const outcomes = await Promise.all(Array.from({ length: 200 }, (_, i) => engine.receive("webchat", chat(`v-${i % 20}`, `m-${i}`, `hello ${i}`))));
    expect(outcomes.every((o) => !o.duplicate && o.instanceId)).toBe(true);
    expect(await waitFor(() => engine.writerRunsOn() === "thread")).toBe(true);
    const again = await engine.receive("webchat", chat("v-0", "m-0", "hello 0"));
    expect(again.duplicate).toBe(true);
    expect(countRows(engine, "InboxMessage", "source = 'webchat'")).toBe(200);
    // In order per visitor: message k starts an instance (acknowledged), k + 20 is the reply it waits for, k + 40 starts the next.
    const acknowledged = Array.from({ length: 200 }, (_, i) => i).filter((i) => Math.floor(i / 20) % 2 === 0);
    expect(await waitFor(() => channel.sent.length === acknowledged.length)).toBe(true);
    expect(channel.texts().sort()).toEqual(acknowledged.map((i) => `Got it: hello ${i}`).sort());
    expect(countRows(engine, "Instance", "status = 'completed'")).toBe(100);
    // A send is recorded by the channel before its outcome is committed: wait for the commits too.
    expect(await waitFor(() => countRows(engine, "OutboxMessage", "status = 'done'") === 100)).toBe(true);
  }, 30_000);

  it("starts a flow published after start (the thread's cache learns it)", async () => {
    const refused = await engine.receiveWebhook("order-shipped", { payload: { orderId: "A-1" } }, "key-1").catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "hook.unknown", field: "hook" });
    const { flowId } = await publishFlow(engine, "Order shipped", orderShippedFlow);
    const customer = { channel: "webchat", address: "v-0" };
    const started = await engine.receiveWebhook("order-shipped", { payload: { orderId: "A-1" }, customer }, "key-1");
    expect(countRows(engine, "Instance", "id = ? AND flowId = ?", started.instanceIds[0], flowId)).toBe(1);
    expect(await waitFor(() => channel.texts().includes("Order A-1 is on its way."))).toBe(true);
  });

  it("imports customers, merges and splits them, and cancels a deactivated flow's waiting instances there too", async () => {
    expect(engine.writerRunsOn()).toBe("thread");
    const imported = await engine.customers.importCsv({ csv: "name,email\nAnn Lee,ann@example.com\nBad,not-an-email\n" });
    expect(imported).toMatchObject({ created: 1, invalidRows: 1 });
    const visitor = await engine.receive("webchat", chat("v-merge", "mm-1", "it's me: ann@example.com"));
    const [suggestion] = await engine.customers.suggestions(visitor.customerId!);
    const merged = await engine.customers.acceptMerge(suggestion.id);
    expect(merged).toMatchObject({ mergedId: visitor.customerId, moved: { identities: 1 } });
    await expect(engine.customers.acceptMerge(suggestion.id)).rejects.toMatchObject({ code: "merge.decided", field: "suggestionId" });
    expect(await engine.customers.split(merged.mergeId)).toMatchObject({ restored: { identities: 1 } });

    const waiting = countRows(engine, "Instance", "status = 'waiting'");
    expect(waiting).toBeGreaterThan(0);
    const [replyAndNudge] = (await engine.flows.list()).filter((f) => f.name === "Reply and nudge");
    expect(await engine.flows.deactivate(replyAndNudge.id, { cancelWaiting: true })).toMatchObject({ cancelled: waiting });
    expect(countRows(engine, "Instance", "status = 'waiting'")).toBe(0);
  });

  it("refuses bad input with the engine's error: its name, code, params and field cross the thread", async () => {
    const refused = await engine.receiveWebhook("order-shipped", { payload: { orderId: 7 } }, "key-1").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error).name).toBe("EngineInputError");
    expect(refused).toMatchObject({ code: "trigger.payload", field: "payload.orderId" });
  });
});

describe("a writer thread that fails", () => {
  const failing = tempDb("omniflow-writer-fails-");
  afterAll(() => failing.remove());

  it("refuses (503) what it took and did not answer; the engine's own writer takes over until it is back", async () => {
    // A thread that says it is ready, then dies on the first command it is given, every time it is started.
    const script = path.join(writer.dir, "dies.mjs");
    writeFileSync(
      script,
      `import { parentPort } from "node:worker_threads";
       parentPort.postMessage([{ ready: true }]);
       parentPort.on("message", (batch) => batch.some((m) => "id" in m) && process.exit(3));`,
    );
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const setup = createEngine({ dbFile: failing.file, channels: [channel], background: false });
    await publishFlow(setup, "Reply and nudge", replyAndNudgeFlow(3600));
    await setup.close();
    const dying = createEngine({ dbFile: failing.file, channels: [channel], background: false, writerThread: script });
    try {
      expect(await waitFor(() => dying.writerRunsOn() === "thread")).toBe(true);
      const lost = await dying.receive("webchat", chat("v-1", "m-1", "first")).catch((e: unknown) => e);
      expect(lost).toMatchObject({ code: "store.unsynced", retryAfterSeconds: 1 });
      expect((lost as Error).name).toBe("StoreUnavailableError");
      expect(errors).toHaveBeenCalledWith(expect.stringContaining("the writer thread stopped (exit code 3)"));
      // Started again, it never gets ready (it ends when closed): meanwhile commands commit on the engine's thread.
      writeFileSync(
        script,
        `import { parentPort } from "node:worker_threads"; parentPort.on("message", (b) => b.some((m) => "close" in m) && process.exit(0));`,
      );
      const retried = await dying.receive("webchat", chat("v-1", "m-1", "first"));
      expect(retried.duplicate).toBe(false);
      expect(countRows(dying, "InboxMessage", "source = 'webchat'")).toBe(1);
      await dying.dispatch();
      expect(dying.writerRunsOn()).toBe("inline");
    } finally {
      errors.mockRestore();
      await dying.close();
    }
  });
});
