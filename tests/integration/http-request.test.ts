import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { FlowDocument } from "../../engine/contracts/flow";
import { countRows, instanceRow, publishFlow, useTestEngine } from "../../engine/testing/test-engine";

const at = { x: 0, y: 0 };
const flow = (url: string, method = "GET", extra: Record<string, unknown> = {}): FlowDocument => ({
  nodes: [
    { id: "t", type: "trigger.message-received", position: at, settings: {} },
    { id: "call", type: "data.http-request", position: at, settings: { method, url, mapping: ["orderStatus = order.status"], timeoutSeconds: 1, ...extra } },
    { id: "ok", type: "message.send", position: at, settings: { text: "Your order is {{vars.orderStatus}}." } },
    { id: "ko", type: "message.send", position: at, settings: { text: "Sorry ({{vars.httpError}})." } },
    { id: "end", type: "flow.end", position: at, settings: {} },
  ],
  edges: [
    { id: "1", source: "t", sourcePort: "out", target: "call" },
    { id: "2", source: "call", sourcePort: "success", target: "ok" },
    { id: "3", source: "call", sourcePort: "error", target: "ko" },
    { id: "4", source: "ok", sourcePort: "out", target: "end" },
    { id: "5", source: "ko", sourcePort: "out", target: "end" },
  ],
});

/** A real HTTP server on an ephemeral port that records what it received. */
async function api(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const seen: { method?: string; url?: string; key?: string }[] = [];
  const server = http.createServer((req, res) => {
    seen.push({ method: req.method, url: req.url, key: req.headers["idempotency-key"] as string });
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    seen,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(r);
      }),
  };
}

describe("HTTP request node against a real server", () => {
  let server: Awaited<ReturnType<typeof api>> | null = null;
  afterEach(async () => {
    await server?.close();
  });
  const t = useTestEngine(); // registered after the server's hook, so the engine closes first (after-hooks run in reverse)

  async function run(doc: FlowDocument) {
    await publishFlow(t.engine, "Order status", doc);
    const { instanceId } = await t.engine.receive("webchat", { visitorId: "v", messageId: "m", text: "where is order 42?" });
    for (let i = 0; i < 6 && instanceRow(t.engine, instanceId!).status === "waiting"; i++) {
      await t.engine.dispatch();
      t.clock.advance(60_000); // past any retry back-off
    }
    return instanceId!;
  }

  it("maps the JSON answer into variables and continues on Success", async () => {
    server = await api((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"order":{"status":"shipped"}}'));
    const id = await run(flow(`${server.url}/orders/42`));
    expect(t.channel.texts()).toEqual(["Your order is shipped."]);
    expect(instanceRow(t.engine, id).status).toBe("completed");
    expect(server.seen).toEqual([{ method: "GET", url: "/orders/42", key: expect.stringMatching(/:1$/) }]);
  });

  it("retries a GET that got a 503 with the same idempotency key, then succeeds", async () => {
    let calls = 0;
    server = await api((_req, res) =>
      ++calls === 1 ? res.writeHead(503).end() : res.writeHead(200, { "content-type": "application/json" }).end('{"order":{"status":"packed"}}'),
    );
    await run(flow(`${server.url}/orders/42`));
    expect(t.channel.texts()).toEqual(["Your order is packed."]);
    expect(server.seen).toHaveLength(2);
    expect(new Set(server.seen.map((s) => s.key)).size).toBe(1);
  });

  it("never resends a POST whose answer timed out: the outcome is unknown and the flow takes Error", async () => {
    server = await api(() => {}); // accepts and never answers
    const id = await run(flow(`${server.url}/notes`, "POST", { body: "{}" }));
    expect(server.seen).toHaveLength(1);
    expect(t.channel.texts()).toEqual([expect.stringMatching(/^Sorry \(no answer within 1s/)]);
    expect(countRows(t.engine, "OutboxMessage", "kind = 'http.request' AND status = 'unknown'")).toBe(1);
    expect(instanceRow(t.engine, id).status).toBe("completed");
  });

  it("gives up on an unreachable host after its retries", async () => {
    const id = await run(flow("http://127.0.0.1:9/orders", "GET", { retries: 1 }));
    expect(t.channel.texts()).toEqual([expect.stringMatching(/^Sorry \(could not reach 127\.0\.0\.1:9/)]);
    expect(instanceRow(t.engine, id).status).toBe("completed");
  });
});
