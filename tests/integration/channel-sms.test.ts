/**
 * SMS end to end through real SQLite and real HTTP: the fake Twilio's signed webhooks reach the
 * server's channel route, a published flow answers, the answer goes to the fake Twilio over HTTP
 * (through the guarded client), and the fake's status callbacks move the message's status.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RawRequest } from "../../engine/channels/channel";
import { createAdapter, sandboxSettings } from "../../engine/channels/sms/adapter";
import { createFake, type SmsFake } from "../../engine/channels/sms/fake";
import type { FlowDocument } from "../../engine/contracts/flow";
import { createEngine, type Engine } from "../../engine/index";
import { channelDeps } from "../../engine/testing/channel-deps";
import { fakeClock } from "../../engine/testing/fake-clock";
import { serveFake, type ServedFake } from "../../engine/testing/serve-fake";
import { testDb } from "../../engine/testing/test-db";
import { countRows, publishFlow, useTempDb } from "../../engine/testing/test-engine";
import { handleIngress } from "../../server/ingress-routes";

const at = { x: 0, y: 0 };
/** Asks every new SMS conversation a yes/no question (SMS has no buttons: they are spelled out). */
const askFlow: FlowDocument = {
  nodes: [
    { id: "start", type: "trigger.message-received", position: at, settings: { channel: "sms" } },
    { id: "ask", type: "message.send", position: at, settings: { text: "Was it you?", buttons: ["Yes", "No"] } },
    { id: "done", type: "flow.end", position: at, settings: {} },
  ],
  edges: [
    { id: "1", source: "start", sourcePort: "out", target: "ask" },
    { id: "2", source: "ask", sourcePort: "out", target: "done" },
  ],
};

describe("SMS channel (Twilio-compatible) through SQLite", () => {
  const tmp = useTempDb("omniflow-sms-");
  let fake: SmsFake;
  let twilio: ServedFake;
  let engine: Engine;
  let server: http.Server;
  let webhookUrl: string;

  beforeEach(async () => {
    fake = createFake(sandboxSettings());
    twilio = await serveFake(fake);
    // No webhookUrl: Twilio calls this server directly, so the URL the server sees is the one signed.
    const sms = createAdapter({ ...sandboxSettings(), baseUrl: twilio.baseUrl }, channelDeps({ http: twilio.http }));
    engine = createEngine({ dbFile: tmp.file, clock: fakeClock().now, channels: [sms], background: false });
    await publishFlow(engine, "Ask", askFlow);
    server = http.createServer((req, res) => void handleIngress(engine, req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/channels/sms/inbound`;
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await engine.close();
    await twilio.close();
  });

  /** Posts a webhook exactly as the fake Twilio built it. */
  const deliver = async (request: RawRequest) => {
    const res = await fetch(request.url, { method: "POST", headers: request.headers as Record<string, string>, body: request.body.toString("utf8") });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const outbound = () =>
    testDb({ dbFile: tmp.file }).prepare(`SELECT providerId, status, text FROM "Message" WHERE direction = 'out' ORDER BY createdAt, id`).all() as {
      providerId: string | null;
      status: string;
      text: string;
    }[];
  const customerFields = (address: string) => {
    const row = testDb({ dbFile: tmp.file })
      .prepare(`SELECT c.fields FROM "Customer" c JOIN "CustomerIdentity" i ON i.customerId = c.id WHERE i.channel = 'sms' AND i.address = ?`)
      .get(address) as { fields: string };
    return JSON.parse(row.fields) as Record<string, unknown>;
  };

  it("stores a customer's SMS once, answers through Twilio's API, and moves the answer's status forward", async () => {
    const written = fake.customerWrites({ address: "+14155550100" }, "Card payment 120 EUR?", webhookUrl);
    expect(await deliver(written)).toMatchObject({ status: 202, body: { status: "accepted", instanceId: expect.any(String) } });
    // Twilio retries a webhook it got no answer to: the same MessageSid is a duplicate.
    expect(await deliver(written)).toEqual({ status: 200, body: { status: "duplicate" } });
    expect(countRows(engine, "Message", "direction = 'in'")).toBe(1);
    expect(countRows(engine, "Instance")).toBe(1);

    await engine.dispatch();
    expect(fake.deliveries()).toMatchObject([{ address: "+14155550100", text: "Was it you? (Yes / No)" }]);
    const [{ providerMessageId }] = fake.deliveries();
    expect(outbound()).toEqual([{ providerId: providerMessageId, status: "sent", text: "Was it you?" }]);

    expect((await deliver(fake.statusReport!(providerMessageId, "delivered", webhookUrl))).status).toBe(202);
    expect(outbound()[0].status).toBe("delivered");
    expect((await deliver(fake.statusReport!(providerMessageId, "delivered", webhookUrl))).status).toBe(202); // a repeat changes nothing
    expect(outbound()[0].status).toBe("delivered");
  });

  it("refuses an unsigned or tampered webhook with 401 and writes nothing", async () => {
    const written = fake.customerWrites({ address: "+14155550100" }, "hi", webhookUrl);
    const unsigned = { ...written, headers: { ...written.headers, "x-twilio-signature": "" } };
    expect(await deliver(unsigned)).toMatchObject({ status: 401, body: { error: "missing_signature" } });
    const tampered = { ...written, body: Buffer.from(written.body.toString().replace("Body=hi", "Body=bye")) };
    expect(await deliver(tampered)).toMatchObject({ status: 401, body: { error: "invalid_signature" } });
    const malformed = fake.customerWrites({ address: "0800 12345" }, "hi", webhookUrl);
    expect(await deliver(malformed)).toMatchObject({ status: 400, body: { issues: [{ field: "From" }] } });
    expect(countRows(engine, "Message")).toBe(0);
    expect(countRows(engine, "Customer")).toBe(0);
  });

  it("records STOP and START as the customer's consent; Twilio refuses to text them in between", async () => {
    expect((await deliver(fake.customerWrites({ address: "+14155550111" }, "STOP", webhookUrl))).status).toBe(202);
    expect(customerFields("+14155550111")).toEqual({ consent: { sms: "opted-out" } });
    expect(countRows(engine, "Message", "direction = 'in' AND text = 'STOP'")).toBe(1); // it still reached intake
    await engine.dispatch();
    expect(fake.deliveries()).toEqual([]); // the flow's answer was refused (21610); the dispatcher retries it later
    expect(countRows(engine, "OutboxMessage", "lastError LIKE '%21610%'")).toBe(1);

    expect((await deliver(fake.customerWrites({ address: "+14155550111" }, "start", webhookUrl))).status).toBe(202);
    expect(customerFields("+14155550111")).toEqual({ consent: { sms: "opted-in" } });
  });

  it("reports a failed delivery with Twilio's error code", async () => {
    await deliver(fake.customerWrites({ address: "+14155550122" }, "hello", webhookUrl));
    await engine.dispatch();
    const [{ providerMessageId }] = fake.deliveries();
    expect((await deliver(fake.statusCallback(providerMessageId, "undelivered", webhookUrl, "30003"))).status).toBe(202);
    expect(outbound()[0].status).toBe("failed");
  });

  it("keeps a delivered message delivered when Twilio's 'sent' arrives late", async () => {
    await deliver(fake.customerWrites({ address: "+14155550133" }, "hello", webhookUrl));
    await engine.dispatch();
    const [{ providerMessageId }] = fake.deliveries();
    await deliver(fake.statusReport!(providerMessageId, "delivered", webhookUrl));
    await deliver(fake.statusReport!(providerMessageId, "sent", webhookUrl));
    expect(outbound()[0].status).toBe("delivered");
  });
});
