import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAdapter } from "../../engine/channels/vk/adapter";
import { createFake } from "../../engine/channels/vk/fake";
import { publishedVectors, sampleSettings } from "../../engine/channels/vk/samples";
import { confirmFlow } from "../../engine/testing/flows";
import { countRows, publishFlow, useTempDb } from "../../engine/testing/test-engine";
import { testDb } from "../../engine/testing/test-db";
import { type ChannelRig, channelRig } from "./channel-harness";

const tmp = useTempDb("omniflow-vk-");
const CUSTOMER = { address: "612444319", name: "Ann" };

describe("VK through the engine and SQLite", () => {
  let rig: ChannelRig;
  let fake: ReturnType<typeof createFake>;
  beforeEach(async () => {
    fake = createFake(sampleSettings);
    rig = await channelRig(tmp.file, fake, (baseUrl, deps) => createAdapter({ ...sampleSettings, baseUrl }, deps));
    await publishFlow(rig.engine, "Confirm on VK", confirmFlow("vk"));
  });
  afterEach(() => rig.close());

  const ok = { status: 200, contentType: "text/plain; charset=utf-8", text: "ok" };
  const outbound = () =>
    testDb({ dbFile: tmp.file }).prepare(`SELECT text, status, providerId FROM "Message" WHERE direction = 'out' ORDER BY createdAt, id`).all();

  it("confirms the server with the confirmation string, over HTTP", async () => {
    expect(await rig.deliver({ ...publishedVectors.confirmation, url: rig.webhookUrl })).toEqual({ ...ok, text: "confirmation_123456" });
  });

  it("takes a customer's message once (answering ok each time), sends the flow's buttons, and reads the press", async () => {
    const hello = fake.customerWrites(CUSTOMER, "Привет", rig.webhookUrl);
    expect(await rig.deliver(hello)).toEqual(ok);
    expect(await rig.deliver({ ...hello, headers: { ...hello.headers, "x-retry-counter": "1" } })).toEqual(ok);
    expect(countRows(rig.engine, "Message", "direction = 'in'")).toBe(1);

    await rig.engine.dispatch();
    expect(fake.deliveries()).toMatchObject([{ address: "612444319", text: "Was it you?", buttons: ["Yes, it was me", "No"] }]);

    expect(await rig.deliver(fake.customerWrites(CUSTOMER, "Yes, it was me", rig.webhookUrl))).toEqual(ok);
    await rig.engine.dispatch();
    expect(fake.deliveries().map((d) => d.text)).toEqual(["Was it you?", "Thank you."]);
    // VK reports no delivery: the message stays sent, under the id VK gave it.
    expect(outbound()).toEqual([
      { text: "Was it you?", status: "sent", providerId: "1" },
      { text: "Thank you.", status: "sent", providerId: "2" },
    ]);
  });

  it("refuses an event without this server's secret (401) and writes nothing", async () => {
    const forged = { ...fake.customerWrites(CUSTOMER, "Привет", rig.webhookUrl) };
    forged.body = Buffer.from(forged.body.toString("utf8").replace('"secret":"secret_123456"', '"secret":"guess"'));
    const answer = await rig.deliver(forged);
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.text)).toMatchObject({ error: "invalid_secret" });
    expect(countRows(rig.engine, "InboxMessage")).toBe(0);
    expect(countRows(rig.engine, "Message")).toBe(0);
  });

  it("refuses a malformed message with 400 naming the field", async () => {
    const request = fake.customerWrites(CUSTOMER, "Привет", rig.webhookUrl);
    const answer = await rig.deliver({ ...request, body: Buffer.from(request.body.toString("utf8").replace('"peer_id":612444319', '"peer_id":"x"')) });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.text)).toMatchObject({ error: "invalid_payload", issues: [{ field: "object.message.peer_id" }] });
    expect(countRows(rig.engine, "Message")).toBe(0);
  });
});
