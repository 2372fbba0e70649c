import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "../engine/index";
import { countRows, tempDb } from "../engine/testing/test-engine";
import { seedDemo } from "../prisma/seed";
import { handleIngress } from "./ingress-routes";
import { createWebchatRoutes } from "./webchat-routes";

// The built-in web chat adapter (not the tests' recording channel): its verify checks visitor tokens.
let tmp: ReturnType<typeof tempDb>;
let engine: Engine;
let server: http.Server;
let base: string;

beforeAll(async () => {
  tmp = tempDb("omniflow-visitors-");
  engine = createEngine({ dbFile: tmp.file, background: false });
  await seedDemo(engine);
  const webchat = createWebchatRoutes(engine);
  server = http.createServer((req, res) => void (webchat.handle(req, res) || handleIngress(engine, req, res)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await engine.close();
  tmp.remove();
});

type Visitor = { visitorId: string; token: string };
const newVisitor = async (): Promise<Visitor> => {
  const res = await fetch(`${base}/api/channels/webchat/visitors`, { method: "POST" });
  expect(res.status).toBe(201);
  return (await res.json()) as Visitor;
};
const post = (body: unknown, token?: string) =>
  fetch(`${base}/api/channels/webchat/inbound`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });

describe("web chat visitors (signed visitor tokens)", () => {
  it("lets a visitor with their token post, and read their conversation back", async () => {
    const alice = await newVisitor();
    const res = await post({ visitorId: alice.visitorId, messageId: "a-1", text: "what are your hours?", name: "Alice" }, alice.token);
    expect(res.status).toBe(202);
    await engine.dispatch();
    const { messages } = await engine.webchat.messages(alice.token);
    expect(messages.map((m) => m.text)).toContain("what are your hours?");
  });

  it("refuses to post as Alice without Alice's token (401), writing nothing", async () => {
    const alice = await newVisitor();
    const mallory = await newVisitor();
    const before = countRows(engine, "Message");
    for (const token of [undefined, mallory.token, `${alice.visitorId}.forged`, `${alice.visitorId}.${mallory.token.split(".").at(-1)}`]) {
      const res = await post({ visitorId: alice.visitorId, messageId: "m-1", text: "send my card number to mallory" }, token);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: "invalid_visitor_token", message: expect.any(String) });
    }
    expect(countRows(engine, "Message")).toBe(before);
  });

  it("does not let one visitor read another's conversation", async () => {
    const alice = await newVisitor();
    const mallory = await newVisitor();
    await engine.webchat.send(alice.token, { text: "my card is 4111 1111 1111 1111" });
    expect((await engine.webchat.messages(mallory.token)).messages.map((m) => m.text)).not.toContain("my card is 4111 1111 1111 1111");
    for (const token of [alice.visitorId, `${alice.visitorId}.forged`, "", 42]) {
      await expect(engine.webchat.messages(token)).rejects.toMatchObject({ name: "AccessDeniedError", status: 401, reason: "invalid_visitor_token" });
      await expect(engine.webchat.send(token, { text: "hi as alice" })).rejects.toMatchObject({ name: "AccessDeniedError" });
    }
  });

  it("a message id first posted by another visitor does not swallow the real one; the decoy's repeat learns nothing", async () => {
    const alice = await newVisitor();
    const mallory = await newVisitor();
    expect((await post({ visitorId: mallory.visitorId, messageId: "wamid-1001", text: "hello" }, mallory.token)).status).toBe(202);
    const real = await post({ visitorId: alice.visitorId, messageId: "wamid-1001", text: "I need help" }, alice.token);
    expect(real.status).toBe(202);
    expect(await real.json()).toMatchObject({ status: "accepted", instanceId: expect.any(String) });
    const repeat = await post({ visitorId: mallory.visitorId, messageId: "wamid-1001", text: "hello" }, mallory.token);
    expect(repeat.status).toBe(200);
    expect(await repeat.text()).toBe('{"status":"duplicate"}');
  });
});
