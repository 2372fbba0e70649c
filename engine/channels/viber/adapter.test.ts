import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { channelDeps, parsedNow } from "../../testing/channel-deps";
import { itRefusesBadSamples } from "../../testing/channel-refusals";
import { serveFake, type ServedFake } from "../../testing/serve-fake";
import type { ChannelAdapter, InboundMessage, OutboundMessage, ParsedRequest, RawRequest } from "../channel";
import { createAdapter, sandboxSettings, settingsSchema, signatureOf } from "./adapter";
import { ACK } from "./callback";
import { createFake } from "./fake";
import { badSamples, publishedVector, sampleSettings, samples, sdkUnicodeRequest, unverifiedSamples, WEBHOOK_URL } from "./samples";

const adapter = createAdapter(sampleSettings, channelDeps());
const events = (result: ParsedRequest | Promise<ParsedRequest>) => {
  const parsed = parsedNow(result);
  return parsed.kind === "events" ? parsed : { messages: [], statuses: [] };
};
const only = (request: RawRequest): InboundMessage => {
  const { messages } = events(adapter.parse(request));
  expect(messages).toHaveLength(1);
  return messages[0];
};

describe("Viber adapter: callbacks", () => {
  // github.com/Viber/viber-bot-python tests/api/test_api.py: test_verify_signature / test_verify_signature_failure.
  it("reproduces Viber's published signature example byte for byte", async () => {
    expect(signatureOf(publishedVector.authToken, Buffer.from(publishedVector.body, "utf8"))).toBe(publishedVector.signature);
    expect(await adapter.verify(samples.webhook)).toEqual({ ok: true });
    expect(await adapter.verify(unverifiedSamples.badSignature.request)).toMatchObject({ ok: false });
    // The set-up check is answered 200, and nothing else happens.
    expect(adapter.parse(samples.webhook)).toEqual({ kind: "events", messages: [], statuses: [], ack: ACK });
  });

  it("accepts every callback signed with the bot's token, in either case of hex", async () => {
    for (const request of Object.values(samples)) expect(await adapter.verify(request)).toEqual({ ok: true });
    const upper = {
      ...samples.message,
      headers: { ...samples.message.headers, "x-viber-content-signature": samples.message.headers["x-viber-content-signature"]!.toUpperCase() },
    };
    expect(await adapter.verify(upper)).toEqual({ ok: true });
  });

  it.each(Object.entries(unverifiedSamples))("refuses %s", async (_name, { request, code }) => {
    expect(await adapter.verify(request)).toMatchObject({ ok: false, code, reason: expect.any(String) });
  });

  it("turns a message into the customer's message, keeping the 64-bit token exact, and answers 200", () => {
    expect(adapter.parse(samples.message)).toEqual({
      kind: "events",
      messages: [
        { channel: "viber", providerMessageId: "4912661846655238145", address: "01234567890A=", name: "John McClane", text: "a message to the service" },
      ],
      statuses: [],
      ack: { status: 200, contentType: "text/plain; charset=utf-8", body: "" },
    });
    // A double would have made it 4912661846655238000, the same as its neighbours'.
    expect(Number("4912661846655238145")).toBe(Number("4912661846655238147"));
    expect(only(samples.buttonPress).providerMessageId).toBe("4912661846655238147");
    expect(only(samples.repeated).providerMessageId).toBe(only(samples.message).providerMessageId);
  });

  it("reads the SDK's unicode request as it was written", () => {
    expect(sdkUnicodeRequest).toHaveLength(471); // the file's length in characters
    const message = only(samples.unicode);
    expect(message).toMatchObject({ providerMessageId: "4912661846655238145", address: "01234567890A=" });
    expect(message.text).toMatch(/^批封廟根縄華勢田郎報株聞。.*一盛治融。$/);
    expect(message.name).toBe("ふで都急ぼちラり面関ごル期販ずラ否裁ぞるめ数努むや正記味てょ");
  });

  it("reads a button press as text, and names what is not text", () => {
    expect(only(samples.buttonPress).text).toBe("Yes, it was me");
    expect(only(samples.picture).text).toBe("[picture] my receipt receipt.jpg");
    expect(only(samples.contact).text).toBe("Itzik +972511123123");
    expect(only(samples.location).text).toBe("50.76891, 6.11499");
    expect(only(samples.sticker).text).toBe("[sticker] https://media.viber.example/sticker.png");
  });

  it("turns delivered, seen and failed into statuses of the message Viber gave that token", () => {
    const status = (request: RawRequest) => events(adapter.parse(request)).statuses;
    const ours = { channel: "viber", providerMessageId: "5741311803571721087", at: 1457764197627 };
    expect(status(samples.delivered)).toEqual([{ ...ours, status: "delivered", error: null }]);
    expect(status(samples.seen)).toEqual([{ ...ours, status: "read", error: null }]);
    expect(status(samples.failed)).toEqual([{ ...ours, status: "failed", error: "failure description" }]);
  });

  it("only acknowledges subscriptions and conversation starts", () => {
    for (const request of [samples.subscribed, samples.unsubscribed, samples.conversationStarted]) {
      expect(adapter.parse(request)).toEqual({ kind: "events", messages: [], statuses: [], ack: ACK });
    }
  });

  itRefusesBadSamples(adapter, badSamples);
});

describe("Viber adapter: settings", () => {
  it("needs the token and a sender name of at most 28 characters, defaults Viber's address, and takes nothing else", () => {
    expect(settingsSchema.parse(sampleSettings)).toEqual({ ...sampleSettings, baseUrl: "https://chatapi.viber.com" });
    expect(settingsSchema.safeParse({ ...sampleSettings, senderName: "x".repeat(29) }).error?.issues[0].path).toEqual(["senderName"]);
    expect(() => createAdapter({ ...sampleSettings, webhook: "x" }, channelDeps())).toThrow();
    expect(createAdapter(sandboxSettings(), channelDeps()).channel).toBe("viber");
  });
});

describe("Viber adapter: send_message against the fake over HTTP", () => {
  let served: ServedFake;
  let fake: ReturnType<typeof createFake>;
  let viber: ChannelAdapter;
  beforeEach(async () => {
    fake = createFake(sampleSettings);
    served = await serveFake(fake);
    viber = createAdapter({ ...sampleSettings, baseUrl: served.baseUrl }, channelDeps({ http: served.http }));
  });
  afterEach(() => served.close());

  const message = (over: Partial<OutboundMessage> = {}): OutboundMessage => ({
    key: "i-1:ask:1",
    messageId: "m-1",
    conversationId: "c-1",
    channel: "viber",
    address: "01234567890A=",
    text: "Was it you?",
    ...over,
  });

  it("sends text with reply buttons and keeps Viber's 64-bit token; a press comes back as the button's text", async () => {
    fake.customerWrites({ address: "01234567890A=", name: "John" }, "hi", WEBHOOK_URL);
    const receipt = await viber.send(message({ buttons: ["Yes, it was me", "No"] }));
    const [delivery] = fake.deliveries();
    expect(receipt).toEqual({ providerMessageId: delivery.providerMessageId });
    expect(BigInt(delivery.providerMessageId)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER));
    expect(delivery).toMatchObject({ address: "01234567890A=", text: "Was it you?", buttons: ["Yes, it was me", "No"] });
    const press = fake.customerWrites({ address: "01234567890A=" }, "Yes, it was me", WEBHOOK_URL);
    expect(await viber.verify(press)).toEqual({ ok: true });
    expect(events(viber.parse(press)).messages).toMatchObject([{ address: "01234567890A=", text: "Yes, it was me" }]);
  });

  it("reads the fake's status callbacks for what it took", async () => {
    fake.customerWrites({ address: "01234567890A=" }, "hi", WEBHOOK_URL);
    const { providerMessageId } = await viber.send(message());
    const report = fake.statusReport!(providerMessageId!, "read", WEBHOOK_URL);
    expect(await viber.verify(report)).toEqual({ ok: true });
    expect(events(viber.parse(report)).statuses).toMatchObject([{ providerMessageId, status: "read" }]);
    expect(() => fake.statusReport!(providerMessageId!, "sent", WEBHOOK_URL)).toThrow("Viber sends no callback for sent");
  });

  it("throws what Viber said when it refuses", async () => {
    await expect(viber.send(message())).rejects.toMatchObject({
      message: "Viber refused send_message: notSubscribed (status 6)",
      code: "viber.refused",
      params: { said: "notSubscribed", status: 6 },
    });
    const stranger = createAdapter({ ...sampleSettings, authToken: "stolen", baseUrl: served.baseUrl }, channelDeps({ http: served.http }));
    await expect(stranger.send(message())).rejects.toThrow("Viber refused send_message: invalidAuthToken (status 2)");
    fake.customerWrites({ address: "01234567890A=" }, "hi", WEBHOOK_URL);
    await expect(viber.send(message({ text: "x".repeat(7001) }))).rejects.toThrow("badData (status 3)");
    expect(fake.deliveries()).toEqual([]);
  });

  it("throws on an answer that is not Viber's, so the dispatcher retries", async () => {
    const proxy = createAdapter(sampleSettings, {
      ...channelDeps(),
      http: async (r) => ({ status: 503, url: r.url, contentType: "text/html", text: "busy", truncated: false }),
    });
    await expect(proxy.send(message())).rejects.toThrow("Viber answered send_message with HTTP 503");
  });
});
