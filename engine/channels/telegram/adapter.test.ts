import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { errorText } from "../../contracts/error-texts";
import type { OutboundHttp, OutboundRequest } from "../../contracts/outbound";
import { channelDeps, parsedNow } from "../../testing/channel-deps";
import { serveFake, type ServedFake } from "../../testing/serve-fake";
import type { InboundMessage, OutboundMessage } from "../channel";
import { createAdapter, sandboxSettings, secretSettings, settingsSchema } from "./adapter";
import { callbackData, cutToBytes } from "./bot-api";
import { createFake, type TelegramFake } from "./fake";
import { badSamples, LONG_LABEL, publishedUpdates, sampleSettings, samples, unverifiedSamples, WEBHOOK_URL } from "./samples";

/** An adapter whose provider calls are recorded and answered `{ok: true}`. */
function recorded() {
  const calls: { method: string; params: unknown }[] = [];
  const http: OutboundHttp = async (request) => {
    calls.push({ method: request.url.split("/").at(-1)!, params: JSON.parse(request.body ?? "null") });
    return { status: 200, url: request.url, contentType: "application/json", text: '{"ok":true,"result":true}', truncated: false };
  };
  return { adapter: createAdapter(sampleSettings, channelDeps({ http })), calls };
}
const messagesOf = (request: Parameters<ReturnType<typeof createAdapter>["parse"]>[0]) => {
  const parsed = parsedNow(recorded().adapter.parse(request));
  if (parsed.kind !== "events") throw new Error("expected events");
  return parsed.messages as InboundMessage[];
};
const outbound = (address: string, text: string, buttons?: string[]): OutboundMessage => ({
  key: `i:${text}`,
  messageId: "msg-1",
  conversationId: "c-1",
  channel: "telegram",
  address,
  text,
  ...(buttons && { buttons }),
});

describe("telegram adapter: webhook", () => {
  it("accepts updates carrying the bot's secret token", async () => {
    const { adapter } = recorded();
    for (const request of [...Object.values(samples), ...Object.values(publishedUpdates)]) expect(await adapter.verify(request)).toEqual({ ok: true });
  });

  it.each(Object.entries(unverifiedSamples))("refuses %s", async (_name, { request, code }) => {
    expect(await recorded().adapter.verify(request)).toMatchObject({ ok: false, code });
  });

  it("refuses a missing header, and compares in constant time (timingSafeEqual over digests of equal length)", async () => {
    const { adapter } = recorded();
    const { "x-telegram-bot-api-secret-token": _, ...headers } = samples.text.headers;
    expect(await adapter.verify({ ...samples.text, headers })).toMatchObject({ ok: false, code: "missing_secret_token" });
    // A secret of another length is refused like any other, not by a shortcut on length.
    expect(await adapter.verify({ ...samples.text, headers: { ...headers, "x-telegram-bot-api-secret-token": "x".repeat(300) } })).toMatchObject({
      ok: false,
      code: "invalid_secret_token",
    });
  });

  it("parses a text message: the chat id is the address, the update id the provider id", () => {
    expect(messagesOf(samples.text)).toEqual([
      { channel: "telegram", providerMessageId: "10001", address: "1111111", name: "Ann Lee", text: "What are your hours?" },
    ]);
    expect(messagesOf(samples.group)).toMatchObject([{ address: "-1001234567890", name: "Ann Lee", text: "hi" }]);
  });

  it("parses Telegram's retry of an update to the same provider id (intake deduplicates)", () => {
    expect([samples.text, samples.duplicate].map((r) => messagesOf(r)[0].providerMessageId)).toEqual(["10001", "10001"]);
  });

  it("keeps a hand-off link's /start <token> as the text, for identity to redeem", () => {
    expect(messagesOf(samples.startToken)).toMatchObject([{ text: "/start inst-8f3k2-2" }]);
  });

  it("describes what the customer shared, and exposes their own phone (only their own) in E.164", () => {
    expect(messagesOf(samples.ownContact)).toEqual([
      expect.objectContaining({ text: "[contact 33612345678 Ann Lee]", identities: [{ kind: "phone", value: "+33612345678" }] }),
    ]);
    const other = messagesOf(samples.otherContact)[0];
    expect(other.text).toBe("[contact +44 20 7946 0958 Bob]");
    expect(other).not.toHaveProperty("identities");
    expect(messagesOf(samples.location)[0].text).toBe("[location 48.858093,2.294694]");
    expect(messagesOf(samples.document)[0].text).toBe("[document invoice.pdf] my invoice");
    expect(messagesOf(samples.photo)[0].text).toBe("[photo] the damaged box");
  });

  it("turns a button press into the button's label and answers the callback query", async () => {
    const { adapter, calls } = recorded();
    const parse = (r: typeof samples.press) => (adapter.parse(r) as { messages: InboundMessage[] }).messages;
    expect(parse(samples.press)).toEqual([{ channel: "telegram", providerMessageId: "10009", address: "1111111", name: "Ann Lee", text: "Yes, please" }]);
    // The long label's data was cut to 64 bytes; the echoed keyboard gives the whole label back.
    expect(parse(samples.longPress)[0].text).toBe(LONG_LABEL);
    expect(parse(samples.gamePress)).toEqual([]);
    await vi.waitFor(() => expect(calls).toHaveLength(3));
    expect(calls.map((c) => c.params)).toEqual(["4382bfdwdsb323b2d9", "4382bfdwdsb323b2e0", "4382bfdwdsb323b2e1"].map((id) => ({ callback_query_id: id })));
    expect(calls.every((c) => c.method === "answerCallbackQuery")).toBe(true);
  });

  it("still takes the press when answering it fails (the answer only stops the button's spinner)", async () => {
    const http = vi.fn<OutboundHttp>(async () => Promise.reject(new Error("network down")));
    const adapter = createAdapter(sampleSettings, channelDeps({ http }));
    expect(adapter.parse(samples.press)).toMatchObject({ messages: [{ text: "Yes, please" }] });
    await vi.waitFor(() => expect(http).toHaveBeenCalledOnce());
  });

  it("acknowledges kinds it does not take (edits, joins) with no message, so Telegram does not retry them", () => {
    for (const r of [samples.edited, samples.memberJoined, publishedUpdates.editedMessage, publishedUpdates.inlineQuery]) expect(messagesOf(r)).toEqual([]);
  });

  it("parses Telegram's own published example updates", () => {
    expect(messagesOf(publishedUpdates.text)).toEqual([
      { channel: "telegram", providerMessageId: "10000", address: "1111111", name: "Test Firstname Test Lastname", text: "/start" },
    ]);
    expect(messagesOf(publishedUpdates.document)).toMatchObject([{ text: "[document Testfile.pdf]" }]);
    // An inline-mode message has no chat: the user's id (their private chat's) is the address.
    expect(messagesOf(publishedUpdates.callbackQuery)).toMatchObject([{ address: "1111111", text: "Data from button callback" }]);
  });

  it.each(Object.entries(badSamples).filter(([, s]) => "fields" in s))("refuses %s, naming the fields", (_name, sample) => {
    const error = (() => {
      try {
        recorded().adapter.parse(sample.request);
      } catch (e) {
        return e as { name: string; issues: { path: PropertyKey[] }[] };
      }
    })();
    expect(error?.name).toBe("ZodError");
    expect(error!.issues.map((i) => i.path.join("."))).toEqual((sample as { fields: string[] }).fields);
  });

  it.each(Object.entries(badSamples).filter(([, s]) => "code" in s))("refuses %s before reading the payload", (_name, sample) => {
    const { code, status } = sample as { code: string; status: number };
    expect(() => recorded().adapter.parse(sample.request)).toThrow(expect.objectContaining({ name: "ChannelRequestError", code, status }));
  });
});

describe("telegram adapter: sending to the fake Telegram over HTTP", () => {
  let fake: TelegramFake;
  let served: ServedFake;
  const ann = { address: "2222222", name: "Ann" };
  beforeAll(async () => {
    fake = createFake(sampleSettings, () => 1_764_000_000_000);
    served = await serveFake(fake);
  });
  afterAll(() => served.close());
  const adapter = (settings: object = {}) => createAdapter({ ...sampleSettings, baseUrl: served.baseUrl, ...settings }, channelDeps({ http: served.http }));

  it("sends text and returns Telegram's message id", async () => {
    adapter().parse(fake.customerWrites(ann, "hello", WEBHOOK_URL));
    expect(await adapter().send(outbound(ann.address, "Hi Ann"))).toEqual({ providerMessageId: "2" });
    expect(fake.deliveries().at(-1)).toMatchObject({ providerMessageId: "2", address: "2222222", text: "Hi Ann", buttons: [] });
  });

  it("sends quick replies as an inline keyboard; a tap comes back as the label, and the query is answered", async () => {
    const labels = ["Yes", LONG_LABEL];
    await adapter().send(outbound(ann.address, "Call you back?", labels));
    expect(fake.deliveries().at(-1)).toMatchObject({ text: "Call you back?", buttons: labels });
    const bot = adapter();
    expect(bot.parse(fake.customerPresses(ann, LONG_LABEL, WEBHOOK_URL))).toMatchObject({ messages: [{ address: "2222222", text: LONG_LABEL }] });
    await vi.waitFor(() => expect(fake.answeredPresses()).toHaveLength(1));
  });

  it("throws with what Telegram said when it refuses, and never shows the token", async () => {
    await expect(adapter().send(outbound("3333333", "hi"))).rejects.toThrow("Telegram refused sendMessage (400): Bad Request: chat not found");
    await expect(adapter().send(outbound(ann.address, "x".repeat(4097)))).rejects.toThrow("(400): Bad Request: message is too long");
    const wrongToken = adapter({ botToken: "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew12" });
    await expect(wrongToken.send(outbound(ann.address, "hi"))).rejects.toThrow("Telegram refused sendMessage (401): Unauthorized");
    const down = createAdapter(sampleSettings, channelDeps({ http: async (r: OutboundRequest) => Promise.reject(new Error(`connect ECONNREFUSED ${r.url}`)) }));
    const error = await down.send(outbound(ann.address, "hi")).catch((e: Error) => e);
    expect((error as Error).message).toBe("connect ECONNREFUSED https://api.telegram.org/bot<bot token>/sendMessage");
  });

  it("words its refusal by code, so a person reads ours in Russian and Telegram's words as they came", async () => {
    const wrongToken = adapter({ botToken: "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew12" });
    const error = await wrongToken.send(outbound(ann.address, "hi")).catch((e: Error) => e);
    expect(error).toMatchObject({ code: "telegram.refused", params: { method: "sendMessage", status: 401, said: "Unauthorized" } });
    expect(errorText(error as Error, "en")).toBe("Telegram refused sendMessage (401): Unauthorized");
    expect(errorText(error as Error, "ru")).toBe("Telegram отклонил sendMessage (401): Unauthorized");
    expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain("ABC-DEF1234ghIkl");
    const missing = await adapter()
      .send(outbound("3333333", "hi"))
      .catch((e: Error) => e);
    expect(errorText(missing as Error, "ru")).toBe("Telegram отклонил sendMessage (400): Bad Request: chat not found");
  });

  it("throws on a server error or an answer that is not the Bot API's (the dispatcher retries)", async () => {
    const gateway = createAdapter(
      sampleSettings,
      channelDeps({ http: async (r) => ({ status: 502, url: r.url, contentType: "text/html", text: "<html>Bad Gateway</html>", truncated: false }) }),
    );
    const error = await gateway.send(outbound(ann.address, "hi")).catch((e: Error) => e);
    expect((error as Error).message).toBe("Telegram failed sendMessage (502): an answer that is not the Bot API's: <html>Bad Gateway</html>");
    expect(errorText(error as Error, "ru")).toBe("Telegram не смог выполнить sendMessage (502), ответ не похож на ответ Bot API: <html>Bad Gateway</html>");
  });
});

describe("telegram adapter: settings", () => {
  it("needs the bot token and the webhook secret, named in the error; the base URL defaults to Telegram's", () => {
    const issues = settingsSchema.safeParse({ botToken: "nope", webhookSecret: "has spaces" }).error?.issues.map((i) => i.path.join("."));
    expect(issues).toEqual(["botToken", "webhookSecret"]);
    expect(settingsSchema.parse(sampleSettings).baseUrl).toBe("https://api.telegram.org");
    expect(settingsSchema.parse({ ...sampleSettings, baseUrl: "http://127.0.0.1:8081/" }).baseUrl).toBe("http://127.0.0.1:8081");
    expect(() => settingsSchema.parse({ ...sampleSettings, baseUrl: "ftp://api.telegram.org" })).toThrow();
    expect(() => settingsSchema.parse({ ...sampleSettings, chatId: 1 })).toThrow();
    expect(secretSettings).toEqual(["botToken", "webhookSecret"]);
    expect(settingsSchema.safeParse(sandboxSettings()).success).toBe(true);
    expect(settingsSchema.safeParse(undefined).success).toBe(false); // not installed without settings
  });

  it("keeps callback_data within Telegram's 64 bytes, and labels alike in their first 64 bytes apart", () => {
    const long = "Ж".repeat(40);
    const data = callbackData(["Yes", long, `${long}!`]);
    expect(data[0]).toBe("Yes");
    expect(data.map((d) => Buffer.byteLength(d))).toEqual([3, 62, 62]);
    expect(new Set(data).size).toBe(3);
    expect(cutToBytes("a😀b", 3)).toBe("a"); // never half a character
  });
});
