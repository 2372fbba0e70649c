import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { seedDemo } from "../prisma/seed";
import { testApiKey } from "../engine/testing/api-keys";
import { countRows, openTestEngine, tempDb, type TestEngine } from "../engine/testing/test-engine";
import { handleIngress, MAX_BODY_BYTES } from "./ingress-routes";

let tmp: ReturnType<typeof tempDb>;
let t: TestEngine;
let server: http.Server;
let base: string;

beforeAll(async () => {
  tmp = tempDb("omniflow-ingress-");
  t = openTestEngine(tmp.file);
  await seedDemo(t.engine);
  server = http.createServer((req, res) => {
    if (!handleIngress(t.engine, req, res)) res.writeHead(418).end("not ingress");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.engine.close();
  tmp.remove();
});

/** Nothing a rejected request could have written. */
const written = () => ({
  inbox: countRows(t.engine, "InboxMessage"),
  messages: countRows(t.engine, "Message"),
  customers: countRows(t.engine, "Customer"),
  instances: countRows(t.engine, "Instance"),
});
let before: ReturnType<typeof written>;
beforeEach(() => {
  before = written();
});

const INBOUND = "/api/channels/webchat/inbound";
const json = (body: unknown) => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: typeof body === "string" ? body : JSON.stringify(body),
});

async function call(path: string, init?: RequestInit) {
  const res = await fetch(base + path, init);
  return { status: res.status, type: res.headers.get("content-type"), body: (await res.json()) as Record<string, unknown> };
}

/** Streams a chunked body (no content-length), so only the byte count while reading can stop it. */
function postChunked(path: string, totalBytes: number): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = http.request(base + path, { method: "POST", headers: { "content-type": "application/json", "transfer-encoding": "chunked" } }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
    });
    req.on("error", reject);
    const chunk = "x".repeat(8 * 1024);
    for (let sent = 0; sent < totalBytes; sent += chunk.length) req.write(chunk);
    req.end();
  });
}

describe("HTTP ingress (node:http, real sockets)", () => {
  it("accepts a valid message with 202 once it is committed", async () => {
    const res = await call(INBOUND, json({ visitorId: "v-1", messageId: "m-1", text: "What are your hours?", name: "Ann" }));
    expect(res.status).toBe(202);
    expect(res.type).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ status: "accepted", duplicate: false, instanceId: expect.any(String) });
    expect(written()).toEqual({ inbox: before.inbox + 1, messages: before.messages + 3, customers: before.customers + 1, instances: before.instances + 1 });
  });

  it("answers a redelivery with 200 `duplicate` and writes nothing", async () => {
    const first = await call(INBOUND, json({ visitorId: "v-2", messageId: "m-2", text: "price?" }));
    expect(first.status).toBe(202);
    const after = written();
    const again = await call(INBOUND, json({ visitorId: "v-2", messageId: "m-2", text: "price?" }));
    expect(again).toEqual({ status: 200, type: expect.stringMatching(/^application\/json/), body: { status: "duplicate" } });
    expect(written()).toEqual(after);
  });

  it.each([
    ["malformed JSON", 400, "invalid_json", json('{"visitorId": "v-3", ')],
    ["a wrong content type", 415, "unsupported_media_type", { method: "POST", headers: { "content-type": "text/plain" }, body: "hello" }],
    [
      "a content type that only mentions JSON",
      415,
      "unsupported_media_type",
      { method: "POST", headers: { "content-type": "text/plain; x=application/json" }, body: "{}" },
    ],
    ["a GET", 405, "method_not_allowed", { method: "GET" }],
    ["a body over 64 KiB", 413, "payload_too_large", json({ visitorId: "v-4", messageId: "m-4", text: "x".repeat(MAX_BODY_BYTES) })],
  ] as const)("rejects %s with %i and a JSON error, writing nothing", async (_name, status, code, init) => {
    const res = await call(INBOUND, init as RequestInit);
    expect(res).toMatchObject({ status, body: { error: code, message: expect.any(String) } });
    expect(res.type).toMatch(/^application\/json/);
    expect(written()).toEqual(before);
  });

  it("rejects wrong field types with 400 naming each field", async () => {
    const res = await call(INBOUND, json({ visitorId: 42, messageId: "m-5", text: "" }));
    expect(res.status).toBe(400);
    expect(res.body.error).toBe("invalid_payload");
    expect((res.body.issues as { field: string }[]).map((i) => i.field)).toEqual(["visitorId", "text"]);
    expect(written()).toEqual(before);
  });

  it("rejects a non-object body with 400 about the body", async () => {
    const res = await call(INBOUND, json("[1, 2]"));
    expect(res).toMatchObject({ status: 400, body: { error: "invalid_payload", issues: [{ field: "(body)" }] } });
    expect(written()).toEqual(before);
  });

  it("stops reading a chunked body at 64 KiB and answers 413", async () => {
    const res = await postChunked(INBOUND, MAX_BODY_BYTES + 16 * 1024);
    expect(res).toMatchObject({ status: 413, body: { error: "payload_too_large" } });
    expect(written()).toEqual(before);
  });

  it("accepts a JSON content type with parameters", async () => {
    const res = await call(INBOUND, {
      method: "POST",
      headers: { "content-type": "Application/JSON; charset=utf-8" },
      body: JSON.stringify({ visitorId: "v-7", messageId: "m-7", text: "hi" }),
    });
    expect(res.status).toBe(202);
  });

  it.each(["fax", "email"])("answers 404 for a channel with no adapter (%s)", async (name) => {
    const res = await call(`/api/channels/${name}/inbound`, json({ visitorId: "v-6", messageId: "m-6", text: "hi" }));
    expect(res).toMatchObject({ status: 404, body: { error: "unknown_channel" } });
    expect(written()).toEqual(before);
  });

  const crmEvent = (eventId: string) => ({
    eventId,
    name: "card.transaction",
    customer: { channel: "webchat", address: "v-8" },
    payload: { transactionId: eventId, amount: 950, currency: "EUR", country: "France" },
  });

  it("takes CRM events only with an API key scoped to `events`: 401 without one, 403 with another scope, both JSON", async () => {
    const body = crmEvent("ev-auth");
    const noKey = await call("/api/events", json(body));
    expect(noKey).toMatchObject({ status: 401, body: { error: "missing_credentials", message: expect.any(String) } });
    expect(noKey.type).toMatch(/^application\/json/);
    const hooksOnly = testApiKey(t.engine, ["hooks:*"]);
    const wrongScope = await call("/api/events", { ...json(body), headers: { "content-type": "application/json", ...hooksOnly.headers } });
    expect(wrongScope).toMatchObject({ status: 403, body: { error: "scope_not_granted" } });
    expect(written()).toEqual(before);

    const crm = testApiKey(t.engine, ["events"]);
    const headers = { "content-type": "application/json", ...crm.headers };
    expect(await call("/api/events", { ...json(body), headers })).toMatchObject({ status: 202, body: { status: "accepted" } });
    expect(await call("/api/events", { ...json(body), headers })).toMatchObject({ status: 200, body: { status: "duplicate" } });
  });

  it("answers health checks and leaves every other path to Next", async () => {
    expect(await call("/api/health")).toMatchObject({ status: 200, body: { status: "ok" } });
    const other = await fetch(`${base}/api/trpc/flows.list`);
    expect(other.status).toBe(418);
    await other.text();
  });
});
