import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createEngine, type Engine, type EngineOptions } from "../../engine/index";
import { ackFlow } from "../../engine/testing/flows";
import { recordingChannel } from "../../engine/testing/recording-channel";
import { countRows, publishFlow, useTempDb } from "../../engine/testing/test-engine";
import { handleIngress } from "../../server/ingress-routes";
import { holdWriteLock } from "./lock-holder";

const tmp = useTempDb("omniflow-unavailable-");
let engine: Engine | undefined;
let server: http.Server | undefined;
afterEach(async () => {
  await new Promise((r) => (server ? server.close(r) : r(null)));
  await engine?.close();
  engine = server = undefined;
});

/** The real ingress routes over a real engine with `commits` options; returns a webchat poster. */
async function serve(commits: EngineOptions["commits"]) {
  engine = createEngine({ dbFile: tmp.file, channels: [recordingChannel()], commits, background: false });
  await publishFlow(engine, "Acknowledge", ackFlow("Got it."));
  server = http.createServer((req, res) => void handleIngress(engine!, req, res));
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return async (messageId: string) => {
    const res = await fetch(`${base}/api/channels/webchat/inbound`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ visitorId: `v-${messageId}`, messageId, text: "hi" }),
    });
    return { status: res.status, retryAfter: res.headers.get("retry-after"), body: (await res.json()) as { error?: string } };
  };
}

describe("intake when the store cannot take more", () => {
  it("answers 503 with Retry-After once the bounded commit queue is full, and commits what it queued", async () => {
    const post = await serve({ maxPending: 3, giveUpAfterMs: 30_000 });
    const lock = await holdWriteLock(tmp.file, 1500);
    const queued = ["m-1", "m-2", "m-3"].map(post); // wait in the queue behind the lock
    await new Promise((r) => setTimeout(r, 300));
    expect(await post("m-4")).toEqual({ status: 503, retryAfter: "1", body: expect.objectContaining({ error: "unavailable" }) });
    await lock.released;
    expect((await Promise.all(queued)).map((r) => r.status)).toEqual([202, 202, 202]);
    expect(countRows(engine!, "InboxMessage")).toBe(3); // the refused one wrote nothing: the provider resends it
    expect((await post("m-4")).status).toBe(202);
  });

  it("answers 503 with Retry-After when the store stays busy longer than intake waits, having written nothing", async () => {
    const post = await serve({ giveUpAfterMs: 500 });
    const lock = await holdWriteLock(tmp.file, 2000);
    expect(await post("m-1")).toEqual({ status: 503, retryAfter: "1", body: expect.objectContaining({ error: "unavailable" }) });
    await lock.released;
    expect(countRows(engine!, "InboxMessage")).toBe(0);
    expect((await post("m-1")).status).toBe(202);
  });
});
