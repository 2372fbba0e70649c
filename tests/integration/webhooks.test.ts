import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FlowDocument } from "../../engine/contracts/flow";
import { handleIngress } from "../../server/ingress-routes";
import { countRows, publishFlow, useTestEngine } from "../../engine/testing/test-engine";

const at = { x: 0, y: 0 };
const SHIPPED: FlowDocument = {
  nodes: [
    { id: "hook", type: "trigger.webhook", position: at, settings: { hook: "order-shipped", fields: ["orderId: string", "express?: boolean"] } },
    { id: "tell", type: "message.send", position: at, settings: { text: "Order {{vars.orderId}} is on its way." } },
    { id: "end", type: "flow.end", position: at, settings: {} },
  ],
  edges: [
    { id: "1", source: "hook", sourcePort: "out", target: "tell" },
    { id: "2", source: "tell", sourcePort: "out", target: "end" },
  ],
};

describe("webhook triggers (POST /api/hooks/<name>)", () => {
  const t = useTestEngine(({ engine }) => publishFlow(engine, "Shipped", SHIPPED));
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
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

  it("starts the flow for the customer named in the call, once per idempotency key", async () => {
    const body = { payload: { orderId: "A-17" }, customer: { channel: "webchat", address: "shopper-1", name: "Lee" } };
    const first = await post("/api/hooks/order-shipped", body, { "idempotency-key": "ship-A-17" });
    expect(first.status).toBe(202);
    expect(await first.json()).toMatchObject({ status: "accepted", instanceIds: [expect.any(String)] });
    expect((await post("/api/hooks/order-shipped", body, { "idempotency-key": "ship-A-17" })).status).toBe(200);
    await t.engine.dispatch();
    expect(t.channel.texts()).toEqual(["Order A-17 is on its way."]);
  });

  it("refuses a payload that does not match the declaration, naming the field, and writes nothing", async () => {
    const res = await post("/api/hooks/order-shipped", { payload: { orderId: 17 } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid_payload", issues: [{ field: "payload.orderId" }] });
    expect(countRows(t.engine, "InboxMessage")).toBe(0);
    expect(countRows(t.engine, "Instance")).toBe(0);
  });

  it("answers 404 for a hook no published flow listens on", async () => {
    const res = await post("/api/hooks/order-lost", { payload: {} });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: "unknown_hook" });
  });
});
