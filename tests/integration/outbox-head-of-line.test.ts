import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { FlowDocument } from "../../engine/contracts/flow";
import { createEngine, type Engine } from "../../engine/index";
import { ackFlow } from "../../engine/testing/flows";
import { recordingChannel } from "../../engine/testing/recording-channel";
import { reportSoakRow } from "../../engine/testing/soak-report";
import { chat, countRows, publishFlow, useTempDb } from "../../engine/testing/test-engine";

const at = { x: 0, y: 0 };
/** A webhook that makes the flow call an outside API (which, in this test, never answers). */
const SYNC = (url: string): FlowDocument => ({
  nodes: [
    { id: "hook", type: "trigger.webhook", position: at, settings: { hook: "sync", fields: ["n: number"] } },
    { id: "call", type: "data.http-request", position: at, settings: { method: "POST", url, timeoutSeconds: 30 } },
    { id: "end", type: "flow.end", position: at, settings: {} },
  ],
  edges: [
    { id: "1", source: "hook", sourcePort: "out", target: "call" },
    { id: "2", source: "call", sourcePort: "success", target: "end" },
    { id: "3", source: "call", sourcePort: "error", target: "end" },
  ],
});

const tmp = useTempDb("omniflow-hol-");
let engine: Engine | undefined;
let server: http.Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(null)));
  await engine?.close();
  engine = server = undefined;
});

describe("the outbox without head-of-line blocking", () => {
  it("answers a customer within 1 s while 200 calls to a never-answering API are outstanding", async () => {
    let calls = 0;
    server = http.createServer(() => void calls++); // reads the request, never answers
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sync`;
    const channel = recordingChannel();
    engine = createEngine({ dbFile: tmp.file, channels: [channel], outbound: { allow: ["127.0.0.1"] } });
    await publishFlow(engine, "Sync", SYNC(url));
    await publishFlow(engine, "Greeting", ackFlow("Hello!"));

    await Promise.all(Array.from({ length: 200 }, (_, n) => engine!.receiveWebhook("sync", { payload: { n } }, "test")));
    for (let i = 0; i < 20 && calls < 8; i++) await new Promise((r) => setTimeout(r, 50));
    expect(calls).toBe(8); // the host's concurrency cap: the other 192 wait in the outbox, not in memory

    const asked = performance.now();
    await engine.receive("webchat", chat("visitor-1", "m-1", "hi"));
    while (channel.sent.length === 0 && performance.now() - asked < 5000) await new Promise((r) => setTimeout(r, 5));
    const waited = performance.now() - asked;
    reportSoakRow({
      test: "never-answering endpoint",
      faults: "200 calls hanging on one host",
      events: 201,
      lost: channel.sent.length === 1 ? 0 : 1,
      duplicated: Math.max(0, channel.sent.length - 1),
      late: waited < 1000 ? 0 : 1,
      note: `the unrelated greeting was sent ${waited.toFixed(0)} ms after its message (bound: 1,000 ms)`,
    });
    expect(channel.texts()).toEqual(["Hello!"]);
    expect(waited).toBeLessThan(1000);
    expect(countRows(engine, "OutboxMessage", "kind = 'http.request' AND status = 'pending'")).toBe(200);
  }, 20_000);
});
