import { subscribe, unsubscribe } from "node:diagnostics_channel";
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { FlowDocument, FlowNode } from "../../engine/contracts/flow";
import type { EngineOptions } from "../../engine/index";
import { countRows, instanceRow, openTestEngine, publishFlow, type TestEngine, useTempDb, useTestEngine } from "../../engine/testing/test-engine";

const at = { x: 0, y: 0 };
/** Message → (set variables) → HTTP request → "Your order is …" or "Sorry (why)". */
const flow = (url: string, method = "GET", extra: Record<string, unknown> = {}, before: FlowNode[] = []): FlowDocument => {
  const chain = ["t", ...before.map((n) => n.id), "call"];
  return {
    nodes: [
      { id: "t", type: "trigger.message-received", position: at, settings: {} },
      ...before,
      { id: "call", type: "data.http-request", position: at, settings: { method, url, mapping: ["orderStatus = order.status"], timeoutSeconds: 1, ...extra } },
      { id: "ok", type: "message.send", position: at, settings: { text: "Your order is {{vars.orderStatus}}." } },
      { id: "ko", type: "message.send", position: at, settings: { text: "Sorry ({{vars.httpError}})." } },
      { id: "end", type: "flow.end", position: at, settings: {} },
    ],
    edges: [
      ...chain.slice(1).map((target, i) => ({ id: `c${i}`, source: chain[i], sourcePort: "out", target })),
      { id: "2", source: "call", sourcePort: "success", target: "ok" },
      { id: "3", source: "call", sourcePort: "error", target: "ko" },
      { id: "4", source: "ok", sourcePort: "out", target: "end" },
      { id: "5", source: "ko", sourcePort: "out", target: "end" },
    ],
  };
};
const setOrderId: FlowNode = { id: "set", type: "data.set-variable", position: at, settings: { name: "orderId", value: "{{message.text}}" } };

type Seen = { method?: string; url?: string; key?: string; body: string };
const servers: { close(): Promise<unknown> }[] = [];

/** A real HTTP server on 127.0.0.1 (ephemeral port) that records what it received. */
async function api(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, key: req.headers["idempotency-key"] as string, body });
      handler(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const close = () =>
    new Promise((r) => {
      server.closeAllConnections();
      server.close(r);
    });
  servers.push({ close });
  return { seen, port, url: `http://127.0.0.1:${port}` };
}
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

/** Publishes `doc`, writes `text` in the web chat, and performs the outbox until the instance stops waiting. */
async function run(t: TestEngine, doc: FlowDocument, text = "where is order 42?") {
  await publishFlow(t.engine, "Order status", doc);
  const { instanceId } = await t.engine.receive("webchat", { visitorId: "v", messageId: "m", text });
  for (let i = 0; i < 6 && instanceRow(t.engine, instanceId!).status === "waiting"; i++) {
    await t.engine.dispatch();
    t.clock.advance(60_000); // past any retry back-off
  }
  return instanceId!;
}

describe("HTTP request node against a real server on the allow list", () => {
  // Registered after the servers' hook, so the engine closes first (after-hooks run in reverse).
  const t = useTestEngine(undefined, { outbound: { allow: ["127.0.0.1"] } });

  it("maps the JSON answer into variables and continues on Success", async () => {
    const server = await api((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"order":{"status":"shipped"}}'));
    const id = await run(t, flow(`${server.url}/orders/42`));
    expect(t.channel.texts()).toEqual(["Your order is shipped."]);
    expect(instanceRow(t.engine, id).status).toBe("completed");
    expect(server.seen).toEqual([{ method: "GET", url: "/orders/42", key: expect.stringMatching(/:1$/), body: "" }]);
  });

  it("retries a GET that got a 503 with the same idempotency key, then succeeds", async () => {
    let calls = 0;
    const server = await api((_req, res) =>
      ++calls === 1 ? res.writeHead(503).end() : res.writeHead(200, { "content-type": "application/json" }).end('{"order":{"status":"packed"}}'),
    );
    await run(t, flow(`${server.url}/orders/42`));
    expect(t.channel.texts()).toEqual(["Your order is packed."]);
    expect(server.seen).toHaveLength(2);
    expect(new Set(server.seen.map((s) => s.key)).size).toBe(1);
  });

  it("never resends a POST whose answer timed out: the outcome is unknown and the flow takes Error", async () => {
    const server = await api(() => {}); // accepts and never answers
    const id = await run(t, flow(`${server.url}/notes`, "POST", { body: "{}" }));
    expect(server.seen).toHaveLength(1);
    expect(t.channel.texts()).toEqual([expect.stringMatching(/^Sorry \(no answer within 1s/)]);
    expect(countRows(t.engine, "OutboxMessage", "kind = 'http.request' AND status = 'unknown'")).toBe(1);
    expect(instanceRow(t.engine, id).status).toBe("completed");
  });

  it("gives up on an unreachable host after its retries", async () => {
    const id = await run(t, flow("http://127.0.0.1:9/orders", "GET", { retries: 1 }));
    expect(t.channel.texts()).toEqual([expect.stringMatching(/^Sorry \(could not reach 127\.0\.0\.1:9/)]);
    expect(instanceRow(t.engine, id).status).toBe("completed");
  });

  it("sends a customer's injected JSON as one string: the CRM never sees a refund", async () => {
    const crm = await api((_req, res) => res.writeHead(201, { "content-type": "application/json" }).end('{"order":{"status":"noted"}}'));
    const attack = 'hi", "refund": 5000, "x": "';
    await run(t, flow(`${crm.url}/notes`, "POST", { body: '{"note":"{{message.text}}"}' }), attack);
    const received = JSON.parse(crm.seen[0].body);
    expect(received).toEqual({ note: attack });
    expect(received).not.toHaveProperty("refund");
    expect(t.channel.texts()).toEqual(["Your order is noted."]);
  });

  it("keeps a variable inside its path segment: ../../admin does not climb out of /orders/", async () => {
    const crm = await api((_req, res) => res.writeHead(404).end());
    await run(t, flow(`${crm.url}/orders/{{vars.orderId}}`, "GET", { retries: 0 }, [setOrderId]), "../../admin");
    expect(crm.seen.map((s) => s.url)).toEqual(["/orders/..%2F..%2Fadmin"]);
  });
});

describe("HTTP request node: internal addresses refused", () => {
  const db = useTempDb();
  let t: TestEngine | null = null;
  const open = (outbound: EngineOptions["outbound"]) => (t = openTestEngine(db.file, { outbound }));
  afterEach(async () => {
    await t?.engine.close();
    t = null;
  });

  it("refuses a redirect from an allowed CRM to an internal page; the page's body reaches nobody", async () => {
    const internal = await api((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"order":{"status":"secret-internal-page"}}'));
    const crm = await api((_req, res) => res.writeHead(302, { location: `${internal.url}/internal` }).end());
    const engine = open({ allow: [`127.0.0.1:${crm.port}`] });
    const id = await run(engine, flow(`${crm.url}/orders/42`));
    expect(internal.seen).toEqual([]);
    expect(crm.seen).toHaveLength(1); // a refusal is final, not retried
    expect(engine.channel.texts()).toEqual([
      `Sorry (refused to call 127.0.0.1:${internal.port} is a loopback address; internal hosts are called only when OMNIFLOW_OUTBOUND_ALLOW lists them).`,
    ]);
    expect(countRows(engine.engine, "OutboxMessage", "kind = 'http.request' AND status = 'failed'")).toBe(1);
    expect(instanceRow(engine.engine, id).status).toBe("completed");
    await engine.engine.close();
    t = null;
    const files = [db.file, `${db.file}-wal`].filter((f) => existsSync(f));
    expect(files.some((f) => readFileSync(f).includes("Sorry (refused"))).toBe(true); // the search does find what was written
    expect(files.some((f) => readFileSync(f).includes("secret-internal-page"))).toBe(false);
  });

  it("refuses the metadata address at publish, and at run time without opening a connection", async () => {
    const engine = open({});
    await expect(publishFlow(engine.engine, "Metadata", flow("http://169.254.169.254/latest/meta-data"))).rejects.toMatchObject({
      name: "FlowInvalidError",
      issues: [
        expect.objectContaining({ nodeId: "call", field: "url", params: expect.objectContaining({ key: "outbound.internal", host: "169.254.169.254" }) }),
      ],
    });
    // The host arrives at run time from the customer's text: only the transport can refuse it.
    let sockets = 0;
    const count = () => sockets++;
    subscribe("net.client.socket", count);
    try {
      await run(engine, flow("http://{{message.text}}/latest/meta-data"), "169.254.169.254");
    } finally {
      unsubscribe("net.client.socket", count);
    }
    expect(sockets).toBe(0);
    expect(engine.channel.texts()).toEqual([expect.stringMatching(/^Sorry \(refused to call 169\.254\.169\.254 is the cloud metadata address/)]);
  });

  it("refuses a host name that resolves to 127.0.0.1, and localhost itself", async () => {
    const internal = await api((_req, res) => res.writeHead(200).end("secret"));
    const engine = open({ resolve: async () => [{ address: "127.0.0.1", family: 4 }] });
    await run(engine, flow(`http://{{message.text}}:${internal.port}/`), "crm.example.test");
    expect(engine.channel.texts()).toEqual([
      expect.stringMatching(/^Sorry \(refused to call crm\.example\.test:\d+ resolves to 127\.0\.0\.1, a loopback address/),
    ]);
    await expect(publishFlow(engine.engine, "Local", flow(`http://localhost:${internal.port}/`))).rejects.toMatchObject({ name: "FlowInvalidError" });
    expect(internal.seen).toEqual([]);
  });

  it("publishes a flow whose internal host is on the allow list", async () => {
    const engine = open({ allow: ["169.254.169.254:80", "localhost"] });
    const allowed = await publishFlow(engine.engine, "Allowed", flow("http://169.254.169.254/latest/meta-data"));
    // Both listen to every message: one is set aside, so the next publish is not refused for the overlap.
    await engine.engine.flows.deactivate(allowed.flowId);
    await expect(publishFlow(engine.engine, "Local", flow("http://localhost:8080/"))).resolves.toBeDefined();
    await expect(publishFlow(engine.engine, "Other port", flow("http://169.254.169.254:8080/"))).rejects.toMatchObject({ name: "FlowInvalidError" });
  });
});
