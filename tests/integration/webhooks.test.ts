import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { handleIngress } from "../../server/ingress-routes";
import { testApiKey } from "../../engine/testing/api-keys";
import { countRows, publishFlow, useTestEngine } from "../../engine/testing/test-engine";
import { orderShippedFlow } from "../../engine/testing/flows";

describe("webhook triggers (POST /api/hooks/<name>)", () => {
  const t = useTestEngine(({ engine }) => publishFlow(engine, "Shipped", orderShippedFlow));
  let server: http.Server;
  let base: string;
  beforeEach(async () => {
    server = http.createServer((req, res) => void handleIngress(t.engine, req, res));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  // Registered after the engine's hooks, so the server closes first (after-hooks run in reverse).
  afterEach(async () => {
    await new Promise((r) => server.close(r));
  });
  /** Posts `body` as JSON; pass a key's headers (or a signature) to authenticate. */
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  const order = (orderId: string) => ({ payload: { orderId }, customer: { channel: "webchat", address: `shopper-${orderId}`, name: "Lee" } });

  it("starts the flow for the customer named in the call, once per idempotency key", async () => {
    const { headers } = testApiKey(t.engine);
    const first = await post("/api/hooks/order-shipped", order("A-17"), { ...headers, "idempotency-key": "ship-A-17" });
    expect(first.status).toBe(202);
    expect(await first.json()).toMatchObject({ status: "accepted", instanceIds: [expect.any(String)] });
    const again = await post("/api/hooks/order-shipped", order("A-17"), { ...headers, "idempotency-key": "ship-A-17" });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ status: "duplicate" });
    await t.engine.dispatch();
    expect(t.channel.texts()).toEqual(["Order A-17 is on its way."]);
  });

  it("does not let another sender's Idempotency-Key swallow this sender's call, nor tell it the other's instance", async () => {
    const mallory = testApiKey(t.engine, ["hooks:order-shipped"], "mallory");
    const shop = testApiKey(t.engine, ["hooks:order-shipped"], "shop");
    expect((await post("/api/hooks/order-shipped", order("X-1"), { ...mallory.headers, "idempotency-key": "ship-A-18" })).status).toBe(202);
    const real = await post("/api/hooks/order-shipped", order("A-18"), { ...shop.headers, "idempotency-key": "ship-A-18" });
    expect(real.status).toBe(202);
    const accepted = (await real.json()) as { instanceIds: string[] };
    const replay = await post("/api/hooks/order-shipped", order("X-1"), { ...mallory.headers, "idempotency-key": "ship-A-18" });
    expect(replay.status).toBe(200);
    expect(await replay.text()).toBe('{"status":"duplicate"}');
    await t.engine.dispatch();
    expect(t.channel.texts()).toEqual(["Order X-1 is on its way.", "Order A-18 is on its way."]);
    expect(accepted.instanceIds).toHaveLength(1);
  });

  it("never cuts an Idempotency-Key short: keys alike in their first 200 characters stay apart, and an over-long one is refused", async () => {
    const { headers } = testApiKey(t.engine);
    const prefix = "k".repeat(200);
    expect((await post("/api/hooks/order-shipped", order("B-1"), { ...headers, "idempotency-key": `${prefix}1` })).status).toBe(202);
    expect((await post("/api/hooks/order-shipped", order("B-2"), { ...headers, "idempotency-key": `${prefix}2` })).status).toBe(202);
    const long = await post("/api/hooks/order-shipped", order("B-3"), { ...headers, "idempotency-key": "k".repeat(256) });
    expect(long.status).toBe(400);
    expect(await long.json()).toMatchObject({ error: "invalid_payload", issues: [{ field: "idempotencyKey" }] });
    expect(countRows(t.engine, "Instance")).toBe(2);
  });

  it("refuses calls without a key (401), with a wrong or revoked key (401), or without the hook's scope (403), writing nothing", async () => {
    const other = testApiKey(t.engine, ["events", "hooks:order-lost"]);
    const revoked = testApiKey(t.engine);
    t.engine.apiKeys.revoke(revoked.keyId);
    const forged = `${revoked.key.slice(0, -4)}0000`;
    const cases: [Record<string, string>, number, string][] = [
      [{}, 401, "missing_credentials"],
      [{ authorization: "Bearer omf_nope" }, 401, "invalid_credentials"],
      [{ authorization: `Bearer ${forged}` }, 401, "invalid_credentials"],
      [revoked.headers, 401, "key_revoked"],
      [other.headers, 403, "scope_not_granted"],
    ];
    for (const [headers, status, code] of cases) {
      const res = await post("/api/hooks/order-shipped", order("C-1"), headers);
      expect(res.status, code).toBe(status);
      expect(await res.json()).toMatchObject({ error: code, message: expect.any(String) });
    }
    expect(countRows(t.engine, "InboxMessage")).toBe(0);
    expect(countRows(t.engine, "Instance")).toBe(0);
  });

  it("takes a timestamped signature of the raw body instead of the key (Stripe's scheme)", async () => {
    const key = testApiKey(t.engine, ["hooks:*"]);
    const body = JSON.stringify(order("S-1"));
    const send = (headers: Record<string, string>, text = body) =>
      fetch(`${base}/api/hooks/order-shipped`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: text });
    const now = Math.floor(t.clock.now() / 1000);
    expect((await send(key.signed(body, now))).status).toBe(202);
    // The same signed request again (captured and replayed within the 5 minutes): nothing new starts.
    const replayed = await send(key.signed(body, now));
    expect([replayed.status, await replayed.json()]).toEqual([200, { status: "duplicate" }]);
    // Another body under the same signature, a stale timestamp, an unknown key: refused.
    const tampered = await send(key.signed(body, now), JSON.stringify(order("S-666")));
    expect([tampered.status, ((await tampered.json()) as { error: string }).error]).toEqual([401, "invalid_signature"]);
    const stale = await send(key.signed(body, now - 301));
    expect([stale.status, ((await stale.json()) as { error: string }).error]).toEqual([401, "signature_expired"]);
    const unknown = await send({ "omniflow-signature": key.signed(body, now)["omniflow-signature"].replace(key.keyId, "0123456789abcdef") });
    expect(unknown.status).toBe(401);
    // Several v1 (the caller rotating secrets): one valid is enough.
    const rotated = `${key.signed(body, now - 1)["omniflow-signature"]},v1=${"0".repeat(64)}`;
    expect((await send({ "omniflow-signature": rotated.replace(/(v1=\w+),(v1=0+)$/, "$2,$1") })).status).toBe(202);
    expect(countRows(t.engine, "Instance")).toBe(2);
  });

  it("refuses a payload that does not match the declaration, naming the field, and writes nothing", async () => {
    const res = await post("/api/hooks/order-shipped", { payload: { orderId: 17 } }, testApiKey(t.engine).headers);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid_payload", issues: [{ field: "payload.orderId" }] });
    expect(countRows(t.engine, "InboxMessage")).toBe(0);
    expect(countRows(t.engine, "Instance")).toBe(0);
  });

  it("answers 404 for a hook no published flow listens on", async () => {
    const res = await post("/api/hooks/order-lost", { payload: {} }, testApiKey(t.engine).headers);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: "unknown_hook" });
  });
});
