import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAdapter } from "../../engine/channels/viber/adapter";
import { createFake } from "../../engine/channels/viber/fake";
import { sampleSettings } from "../../engine/channels/viber/samples";
import { confirmFlow } from "../../engine/testing/flows";
import { countRows, publishFlow, useTempDb } from "../../engine/testing/test-engine";
import { testDb } from "../../engine/testing/test-db";
import { type ChannelRig, channelRig } from "./channel-harness";

const tmp = useTempDb("omniflow-viber-");
const CUSTOMER = { address: "01234567890A=", name: "John McClane" };

describe("Viber through the engine and SQLite", () => {
  let rig: ChannelRig;
  let fake: ReturnType<typeof createFake>;
  beforeEach(async () => {
    fake = createFake(sampleSettings);
    rig = await channelRig(tmp.file, fake, (baseUrl, deps) => createAdapter({ ...sampleSettings, baseUrl }, deps));
    await publishFlow(rig.engine, "Confirm on Viber", confirmFlow("viber"));
  });
  afterEach(() => rig.close());

  const ok = { status: 200, contentType: "text/plain; charset=utf-8", text: "" };
  const outbound = () =>
    testDb({ dbFile: tmp.file }).prepare(`SELECT text, status, providerId FROM "Message" WHERE direction = 'out' ORDER BY createdAt, id`).all() as {
      text: string;
      status: string;
      providerId: string;
    }[];

  it("takes a signed message once (200 each time), sends the flow's buttons, reads the press, and moves statuses forward", async () => {
    const hello = fake.customerWrites(CUSTOMER, "hi", rig.webhookUrl);
    expect(await rig.deliver(hello)).toEqual(ok);
    expect(await rig.deliver(hello)).toEqual(ok); // Viber repeating it
    expect(countRows(rig.engine, "Message", "direction = 'in'")).toBe(1);
    expect(testDb({ dbFile: tmp.file }).prepare(`SELECT name FROM "Customer"`).all()).toEqual([{ name: "John McClane" }]);

    await rig.engine.dispatch();
    const [question] = fake.deliveries();
    expect(question).toMatchObject({ address: CUSTOMER.address, text: "Was it you?", buttons: ["Yes, it was me", "No"] });
    expect(outbound()).toEqual([{ text: "Was it you?", status: "sent", providerId: question.providerMessageId }]);

    expect(await rig.deliver(fake.statusReport!(question.providerMessageId, "delivered", rig.webhookUrl))).toEqual(ok);
    expect(outbound()[0].status).toBe("delivered");
    expect(await rig.deliver(fake.statusReport!(question.providerMessageId, "read", rig.webhookUrl))).toEqual(ok);
    expect(outbound()[0].status).toBe("read");

    expect(await rig.deliver(fake.customerWrites(CUSTOMER, "Yes, it was me", rig.webhookUrl))).toEqual(ok);
    await rig.engine.dispatch();
    expect(fake.deliveries().map((d) => d.text)).toEqual(["Was it you?", "Thank you."]);
  });

  it("refuses a callback whose signature does not match (401) and writes nothing", async () => {
    const hello = fake.customerWrites(CUSTOMER, "hi", rig.webhookUrl);
    const tampered = await rig.deliver({ ...hello, body: Buffer.from(hello.body.toString("utf8").replace('"hi"', '"hello"')) });
    expect(tampered.status).toBe(401);
    expect(JSON.parse(tampered.text)).toMatchObject({ error: "invalid_signature" });
    const unsigned = await rig.deliver({ ...hello, headers: { "content-type": "application/json" } });
    expect(JSON.parse(unsigned.text)).toMatchObject({ error: "missing_signature" });
    expect(countRows(rig.engine, "InboxMessage")).toBe(0);
    expect(countRows(rig.engine, "Message")).toBe(0);
  });
});
