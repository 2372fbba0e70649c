/**
 * The chat widget's live feed through the real server pieces (web guard, widget routes, channel
 * routes) and a real SQLite file, with the engine's own dispatcher: a visitor who drops off and
 * comes back with the last event id gets exactly what was said meanwhile, nothing twice.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "../../engine/index";
import { tempDb } from "../../engine/testing/test-engine";
import { seedDemo } from "../../prisma/seed";
import { handleIngress } from "../../server/ingress-routes";
import { openSse, type SseEvent } from "../../server/sse-reader";
import { guardRequest } from "../../server/web-guard";
import { createWebchatRoutes } from "../../server/webchat-routes";

const SHOP = "http://127.0.0.1:4455"; // the page embedding the widget: another origin
let tmp: ReturnType<typeof tempDb>;
let engine: Engine;
let server: http.Server;
let base: string;

beforeAll(async () => {
  tmp = tempDb("omniflow-webchat-stream-");
  engine = createEngine({ dbFile: tmp.file });
  await seedDemo(engine);
  const webchat = createWebchatRoutes(engine);
  // server.ts's chain without Next: what no route takes is a 404 here.
  server = http.createServer((req, res) => {
    if (!guardRequest(req, res, { allowedHosts: ["127.0.0.1"], dev: false })) return;
    if (!webchat.handle(req, res) && !handleIngress(engine, req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await engine.close();
  tmp.remove();
});

type Visitor = { visitorId: string; token: string };
const messages = (events: SseEvent[]) => events.filter((e) => e.event === "message");
const texts = (events: SseEvent[]) => messages(events).map((e) => JSON.parse(e.data).text as string);
const feed = (v: Visitor, cursor?: string) =>
  openSse(`${base}/api/channels/webchat/events`, { authorization: `Bearer ${v.token}`, origin: SHOP, ...(cursor && { "last-event-id": cursor }) });
const post = (v: Visitor, messageId: string, text: string) =>
  fetch(`${base}/api/channels/webchat/inbound`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${v.token}`, origin: SHOP },
    body: JSON.stringify({ visitorId: v.visitorId, messageId, text }),
  });

describe("the widget's live feed", () => {
  it("replays exactly the missed messages after a reconnect with Last-Event-ID, and repeats none", async () => {
    const res = await fetch(`${base}/api/channels/webchat/visitors`, { method: "POST", headers: { origin: SHOP } });
    expect(res.status).toBe(201);
    const visitor = (await res.json()) as Visitor;
    // One tab stays connected throughout: what it sees is the truth to compare with.
    const steady = await feed(visitor);
    const first = await feed(visitor);

    expect((await post(visitor, "w-1", "my parcel is lost")).status).toBe(202);
    // The widget retrying after a network error: same id, taken once.
    const retry = await post(visitor, "w-1", "my parcel is lost");
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ status: "duplicate" });
    await first.until((e) => messages(e).length === 3);
    expect(texts(first.events)).toEqual(["my parcel is lost", "Hello there, this is Omniflow support.", "Let me find a colleague for you, one moment."]);
    const lastSeen = messages(first.events).at(-1)!.id!;
    first.close();

    // Meanwhile: the visitor writes from another tab, and an operator answers the hand-over task.
    expect((await post(visitor, "w-2", "it was sent on Monday")).status).toBe(202);
    const [task] = (await engine.tasks.list({ status: "open" })).filter((t) => t.title.includes("my parcel is lost"));
    await engine.replyToTask(task.id, "Hi, this is Sam. Let me check the tracking.");
    await steady.until((e) => messages(e).length === 5);

    const back = await feed(visitor, lastSeen);
    await back.until((e) => messages(e).length === 2);
    expect(texts(back.events)).toEqual(["it was sent on Monday", "Hi, this is Sam. Let me check the tracking."]);
    expect(messages(back.events).map((e) => JSON.parse(e.data).author)).toEqual(["customer", "operator"]);
    // The missed ones are exactly what the steady tab saw after the last event the first tab had, ids included.
    expect(messages(back.events).map((e) => e.data)).toEqual(
      messages(steady.events)
        .slice(3)
        .map((e) => e.data),
    );

    // Live again: the next message arrives once, on both.
    expect((await post(visitor, "w-3", "thank you")).status).toBe(202);
    await back.until((e) => texts(e).includes("thank you"));
    await steady.until((e) => texts(e).includes("thank you"));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(texts(back.events)).toEqual(["it was sent on Monday", "Hi, this is Sam. Let me check the tracking.", "thank you"]);
    expect(new Set(messages(steady.events).map((e) => JSON.parse(e.data).id)).size).toBe(6);

    // A reconnect from the last id it saw has nothing to replay; `?since=` is the same cursor.
    const cursor = messages(back.events).at(-1)!.id!;
    back.close();
    const again = await openSse(`${base}/api/channels/webchat/events?since=${encodeURIComponent(cursor)}`, { authorization: `Bearer ${visitor.token}` });
    await again.until((e) => e.some((x) => x.event === "typing"));
    expect(messages(again.events)).toEqual([]);
    again.close();
    steady.close();
  });

  it("answers CORS for the widget's routes from any origin, while the web app's own routes stay same-origin", async () => {
    const preflight = await fetch(`${base}/api/channels/webchat/inbound`, {
      method: "OPTIONS",
      headers: { origin: SHOP, "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-methods")).toContain("POST");
    // The guard's security headers still go on every answer.
    expect(preflight.headers.get("x-content-type-options")).toBe("nosniff");

    const visitor = (await (await fetch(`${base}/api/channels/webchat/visitors`, { method: "POST", headers: { origin: SHOP } })).json()) as Visitor;
    const sent = await post(visitor, "c-1", "hello from another site");
    expect(sent.status).toBe(202);
    expect(sent.headers.get("access-control-allow-origin")).toBe("*");

    const app = await fetch(`${base}/api/trpc/flows.list`, { method: "POST", headers: { origin: SHOP, "content-type": "application/json" }, body: "{}" });
    expect(app.status).toBe(403);
    expect(await app.json()).toMatchObject({ error: "cross_origin" });
    expect(app.headers.get("access-control-allow-origin")).toBeNull();
  });
});
