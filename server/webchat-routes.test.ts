import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "../engine/index";
import { tempDb } from "../engine/testing/test-engine";
import { testDb } from "../engine/testing/test-db";
import { seedDemo } from "../prisma/seed";
import { createBoundedServer } from "./http-limits";
import { handleIngress } from "./ingress-routes";
import { openSse } from "./sse-reader";
import { createWebchatRoutes, type WebchatRouteOptions } from "./webchat-routes";

let tmp: ReturnType<typeof tempDb>;
let engine: Engine;
const servers: http.Server[] = [];

beforeAll(async () => {
  tmp = tempDb("omniflow-webchat-routes-");
  engine = createEngine({ dbFile: tmp.file, background: false });
  await seedDemo(engine);
});
afterAll(async () => {
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await engine.close();
  tmp.remove();
});

/** The widget's routes in front of the channel routes, as server.ts has them; returns the base URL. */
async function serve(options: Partial<WebchatRouteOptions> = {}, create: typeof http.createServer = http.createServer): Promise<string> {
  const webchat = createWebchatRoutes(engine, options);
  const server = create((req, res) => {
    if (!webchat.handle(req, res) && !handleIngress(engine, req, res)) res.writeHead(404).end();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const SHOP = "https://shop.example";
const newVisitor = async (base: string) => (await (await fetch(`${base}/api/channels/webchat/visitors`, { method: "POST" })).json()) as { token: string };

describe("web chat widget routes", () => {
  let base: string;
  beforeAll(async () => {
    base = await serve({ visitors: { max: 3, windowMs: 60_000 }, streamsPerVisitor: 2 });
  });

  it("answers the CORS preflight of every widget route for any origin, without credentials", async () => {
    for (const route of ["visitors", "inbound", "events", "contact"]) {
      const res = await fetch(`${base}/api/channels/webchat/${route}`, {
        method: "OPTIONS",
        headers: { origin: SHOP, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" },
      });
      expect(res.status, route).toBe(204);
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("access-control-allow-headers")).toContain("authorization");
      expect(res.headers.get("access-control-allow-headers")).toContain("last-event-id");
      expect(res.headers.get("access-control-allow-credentials")).toBeNull();
    }
    // Other machine routes are not the widget's: no CORS from here.
    const hooks = await fetch(`${base}/api/events`, { method: "OPTIONS", headers: { origin: SHOP } });
    expect(hooks.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("limits new visitors per client address: 429 with Retry-After", async () => {
    const limited = await serve({ visitors: { max: 2, windowMs: 60_000 } });
    const post = () => fetch(`${limited}/api/channels/webchat/visitors`, { method: "POST", headers: { origin: SHOP } });
    expect((await post()).status).toBe(201);
    const second = await post();
    expect(second.status).toBe(201);
    expect(second.headers.get("access-control-allow-origin")).toBe("*");
    const third = await post();
    expect(third.status).toBe(429);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(third.headers.get("access-control-expose-headers")).toContain("retry-after");
    expect(await third.json()).toMatchObject({ error: "rate_limited" });
  });

  it("records the visitor's contact on their customer; refuses bad input naming the field", async () => {
    const { token } = await newVisitor(base);
    const contact = (body: unknown, auth = token, type = "application/json") =>
      fetch(`${base}/api/channels/webchat/contact`, {
        method: "POST",
        headers: { "content-type": type, authorization: `Bearer ${auth}`, origin: SHOP },
        body: JSON.stringify(body),
      });
    expect((await contact({ email: "a@b.example" }, "visitor-1.forged")).status).toBe(401);
    expect((await contact({ email: "a@b.example" }, token, "text/plain")).status).toBe(415);
    for (const [body, field] of [
      [{ email: "not-an-address" }, "email"],
      [{ phone: "call me" }, "phone"],
      [{}, "email"],
      [{ email: "a@b.example", card: "4111" }, "(body)"],
    ] as const) {
      const res = await contact(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).issues.map((i: { field: string }) => i.field)).toContain(field);
    }
    const ok = await contact({ email: " Ann@Example.COM ".trim(), phone: "+44 20 7946 0958" });
    expect(ok.status).toBe(202);
    const visitorId = engine.webchat.visitorOf(token);
    const row = testDb(engine)
      .prepare(`SELECT c.fields FROM "Customer" c JOIN "CustomerIdentity" i ON i.customerId = c.id WHERE i.channel = 'webchat' AND i.address = ?`)
      .get(visitorId) as { fields: string };
    expect(JSON.parse(row.fields)).toMatchObject({ email: "ann@example.com", phone: "+44 20 7946 0958" });
  });

  it("streams the visitor's feed over SSE: history, then live replies, each shown once the commit that wrote it is on disk", async () => {
    const { token } = await newVisitor(base);
    await engine.webchat.send(token, { text: "what are your hours?", name: "Ann" });
    const feed = await openSse(`${base}/api/channels/webchat/events`, { authorization: `Bearer ${token}`, origin: SHOP });
    expect(feed.response.status).toBe(200);
    expect(feed.response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(feed.response.headers.get("access-control-allow-origin")).toBe("*");
    const messages = (events: typeof feed.events) => events.filter((e) => e.event === "message").map((e) => JSON.parse(e.data));
    // The widget reads the store: the flow's replies were delivered by their step's commit, with nothing to dispatch and no typing.
    const history = await feed.until((e) => messages(e).length === 3);
    expect(messages(history).map((m) => [m.author, m.author === "customer" ? m.text : "…"])).toEqual([
      ["customer", "what are your hours?"],
      ["bot", "…"],
      ["bot", "…"],
    ]);
    expect(history.some((e) => e.event === "typing" && JSON.parse(e.data).active)).toBe(false);
    await engine.webchat.send(token, { text: "and the price?" });
    const live = await feed.until((e) => messages(e).length >= 5);
    expect(
      messages(live)
        .slice(3, 5)
        .map((m) => m.author),
    ).toEqual(["customer", "bot"]);
    expect(live.filter((e) => e.event === "message").every((e) => e.id)).toBe(true);
    feed.close();
  });

  it("refuses a feed without the visitor's token, with a cursor it did not give out, or past the per-visitor cap", async () => {
    const { token } = await newVisitor(base);
    const events = `${base}/api/channels/webchat/events`;
    expect((await fetch(events)).status).toBe(401);
    expect((await fetch(events, { method: "POST", headers: { authorization: `Bearer ${token}` } })).status).toBe(405);
    const badHeader = await fetch(events, { headers: { authorization: `Bearer ${token}`, "last-event-id": "<script>" } });
    expect(badHeader.status).toBe(400);
    expect(await badHeader.json()).toMatchObject({ error: "invalid_cursor", issues: [{ field: "Last-Event-ID" }] });
    const badSince = await fetch(`${events}?since=a~b~c`, { headers: { authorization: `Bearer ${token}` } });
    expect(await badSince.json()).toMatchObject({ issues: [{ field: "since" }] });

    const open = [await openSse(events, { authorization: `Bearer ${token}` }), await openSse(events, { authorization: `Bearer ${token}` })];
    const third = await fetch(events, { headers: { authorization: `Bearer ${token}` } });
    expect(third.status).toBe(429);
    expect(third.headers.get("retry-after")).toBe("5");
    for (const feed of open) feed.close();
  });

  it("keeps a feed open past the server's request timeout, with heartbeats, and ends it at its lifetime", async () => {
    const limits = { headersTimeoutMs: 500, requestTimeoutMs: 800, keepAliveTimeoutMs: 5_000, maxConnections: 10 };
    const bounded = await serve({ heartbeatMs: 300, streamLifetimeMs: 2_500 }, ((handler: http.RequestListener) =>
      createBoundedServer(handler, limits)) as typeof http.createServer);
    const { token } = await newVisitor(bounded);
    const feed = await openSse(`${bounded}/api/channels/webchat/events`, { authorization: `Bearer ${token}` });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await engine.webchat.send(token, { text: "still there?" });
    await feed.until((e) => e.some((x) => x.event === "message" && JSON.parse(x.data).text === "still there?"));
    expect(feed.ended).toBe(false);
    await feed.until(() => feed.ended, 3_000).catch(() => undefined);
    expect(feed.ended).toBe(true);
  });
});
