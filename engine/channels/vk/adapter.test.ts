import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { channelDeps, parsedNow } from "../../testing/channel-deps";
import { itRefusesBadSamples } from "../../testing/channel-refusals";
import { serveFake, type ServedFake } from "../../testing/serve-fake";
import type { ChannelAdapter, InboundMessage, OutboundMessage, ParsedRequest } from "../channel";
import { createAdapter, sandboxSettings, settingsSchema } from "./adapter";
import { OK } from "./callback";
import { createFake } from "./fake";
import { randomIdOf } from "./messages-send";
import { badSamples, publishedVectors, sampleSettings, samples, unverifiedSamples, WEBHOOK_URL } from "./samples";

const adapter = createAdapter(sampleSettings, channelDeps());
const messagesOf = (result: ParsedRequest | Promise<ParsedRequest>): InboundMessage[] => {
  const parsed = parsedNow(result);
  return parsed.kind === "events" ? parsed.messages : [];
};
const only = (request: Parameters<ChannelAdapter["parse"]>[0]) => {
  const [message, ...rest] = messagesOf(adapter.parse(request));
  expect(rest).toEqual([]);
  return message;
};

describe("VK adapter: Callback API events", () => {
  // The vectors of SevereCloud/vksdk callback/callback_test.go (VK itself publishes none: it signs nothing).
  it("answers the published confirmation vector with the confirmation string, and refuses it without the right secret", async () => {
    expect(await adapter.verify(publishedVectors.confirmation)).toEqual({ ok: true });
    expect(adapter.parse(publishedVectors.confirmation)).toEqual({
      kind: "handshake",
      answer: { status: 200, contentType: "text/plain; charset=utf-8", body: "confirmation_123456" },
    });
    expect(await adapter.verify(publishedVectors.noSecret)).toMatchObject({ ok: false, code: "missing_secret" });
    expect(await adapter.verify(publishedVectors.badSecret)).toMatchObject({ ok: false, code: "invalid_secret" });
  });

  it("accepts every event of this community's server", async () => {
    for (const request of Object.values(samples)) expect(await adapter.verify(request)).toEqual({ ok: true });
  });

  it.each(Object.entries(unverifiedSamples))("refuses %s", async (_name, { request, code }) => {
    expect(await adapter.verify(request)).toMatchObject({ ok: false, code, reason: expect.any(String) });
  });

  it("turns a new message into the customer's message, acknowledged with the text ok", () => {
    expect(adapter.parse(samples.message)).toEqual({
      kind: "events",
      messages: [
        {
          channel: "vk",
          providerMessageId: "da1b15e9f6d0c3c8a0c937e048cdd3e2b43794d0",
          address: "612444319",
          name: null,
          text: "Здравствуйте! Где мой заказ?",
        },
      ],
      statuses: [],
      ack: OK,
    });
    expect(OK).toEqual({ status: 200, contentType: "text/plain; charset=utf-8", body: "ok" });
  });

  it("gives a repeated event the same provider id (intake deduplicates), and one without event_id its peer and number", () => {
    expect(only(samples.repeated).providerMessageId).toBe(only(samples.message).providerMessageId);
    expect(only(samples.noEventId).providerMessageId).toBe("612444319_77");
  });

  it("reads a press of our button as the button's whole text; another payload leaves the text", () => {
    expect(only(samples.buttonPress).text).toBe("Да, это я — подтверждаю операцию по карте 4276");
    expect(only(samples.start).text).toBe("Начать");
  });

  it("names attachments, and answers in a group chat to the chat", () => {
    expect(only(samples.sticker).text).toBe("[sticker]");
    expect(only(samples.groupChat).address).toBe("2000000066");
  });

  it("only acknowledges events that are not a customer's message", () => {
    for (const request of [samples.reply, samples.callbackButton, samples.allow, samples.wallPost]) {
      expect(adapter.parse(request)).toEqual({ kind: "events", messages: [], statuses: [], ack: OK });
    }
  });

  itRefusesBadSamples(adapter, badSamples);
});

describe("VK adapter: settings", () => {
  it("needs the token, community, secret and confirmation string, defaults VK's address, and takes nothing else", () => {
    expect(settingsSchema.parse({ ...sampleSettings, groupId: "123456" })).toEqual({ ...sampleSettings, baseUrl: "https://api.vk.com" });
    expect(() => createAdapter({ ...sampleSettings, token: "x" }, channelDeps())).toThrow();
    const missing = settingsSchema.safeParse({ groupId: 0 });
    expect(missing.error?.issues.map((i) => i.path.join("."))).toEqual(["accessToken", "groupId", "secret", "confirmation"]);
    expect(settingsSchema.safeParse({ ...sampleSettings, baseUrl: "file:///etc/passwd" }).success).toBe(false);
    expect(createAdapter(sandboxSettings(), channelDeps()).channel).toBe("vk");
  });
});

describe("VK adapter: messages.send against the fake over HTTP", () => {
  let served: ServedFake;
  let fake: ReturnType<typeof createFake>;
  let vk: ChannelAdapter;
  beforeEach(async () => {
    fake = createFake(sampleSettings);
    served = await serveFake(fake);
    vk = createAdapter({ ...sampleSettings, baseUrl: served.baseUrl }, channelDeps({ http: served.http }));
  });
  afterEach(() => served.close());

  const message = (over: Partial<OutboundMessage> = {}): OutboundMessage => ({
    key: "i-1:ask:1",
    messageId: "m-1",
    conversationId: "c-1",
    channel: "vk",
    address: "612444319",
    text: "Это были вы?",
    ...over,
  });

  it("sends text with buttons; a press comes back as the button's whole text", async () => {
    fake.customerWrites({ address: "612444319" }, "Привет", WEBHOOK_URL);
    const long = "Нет, это не я — заблокируйте карту немедленно";
    const receipt = await vk.send(message({ buttons: ["Да", long] }));
    expect(receipt).toEqual({ providerMessageId: "1" });
    expect(fake.deliveries()).toEqual([
      { providerMessageId: "1", address: "612444319", text: "Это были вы?", buttons: ["Да", `${long.slice(0, 39)}…`], at: expect.any(Number) },
    ]);
    const press = fake.customerWrites({ address: "612444319" }, `${long.slice(0, 39)}…`, WEBHOOK_URL);
    expect(await vk.verify(press)).toEqual({ ok: true });
    expect(messagesOf(vk.parse(press))).toMatchObject([{ address: "612444319", text: long }]);
  });

  it("is shown once per idempotency key: VK keeps one message per random_id", async () => {
    fake.customerWrites({ address: "612444319" }, "Привет", WEBHOOK_URL);
    const first = await vk.send(message());
    expect(await vk.send(message())).toEqual(first);
    expect(await vk.send(message({ key: "i-1:ask:2" }))).toEqual({ providerMessageId: "2" });
    expect(fake.deliveries()).toHaveLength(2);
    expect(randomIdOf("i-1:ask:1")).toBe(randomIdOf("i-1:ask:1"));
    expect(randomIdOf("i-1:ask:1")).not.toBe(randomIdOf("i-1:ask:2"));
  });

  it("throws what VK said when it refuses", async () => {
    await expect(vk.send(message())).rejects.toMatchObject({
      message: "VK refused messages.send: Can't send messages for users without permission (error 901)",
      code: "vk.refused",
      params: { said: "Can't send messages for users without permission", errorCode: 901 },
    });
    const stranger = createAdapter({ ...sampleSettings, accessToken: "stolen", baseUrl: served.baseUrl }, channelDeps({ http: served.http }));
    await expect(stranger.send(message())).rejects.toThrow("User authorization failed: invalid access_token (4). (error 5)");
    fake.customerWrites({ address: "612444319" }, "Привет", WEBHOOK_URL);
    await expect(vk.send(message({ text: "я".repeat(4097) }))).rejects.toThrow("Message is too long (error 914)");
    await expect(vk.send(message({ buttons: Array.from({ length: 41 }, (_, i) => `b${i}`) }))).rejects.toThrow("VK shows at most 40 buttons");
    expect(fake.deliveries()).toEqual([]);
  });

  it("lays many buttons out in at most 10 rows, which VK takes", async () => {
    fake.customerWrites({ address: "612444319" }, "Привет", WEBHOOK_URL);
    const buttons = Array.from({ length: 40 }, (_, i) => `Вариант ${i + 1}`);
    await vk.send(message({ buttons }));
    expect(fake.deliveries()[0].buttons).toEqual(buttons);
  });

  it("throws on an answer that is not VK's (a proxy's error page), so the dispatcher retries", async () => {
    const proxy = createAdapter(sampleSettings, {
      ...channelDeps(),
      http: async (r) => ({ status: 502, url: r.url, contentType: "text/html", text: "<h1>Bad gateway</h1>", truncated: false }),
    });
    await expect(proxy.send(message())).rejects.toThrow("VK answered messages.send with HTTP 502");
  });
});
