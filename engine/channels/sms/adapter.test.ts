import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OutboundMessage, ParsedRequest } from "../channel";
import { errorText } from "../../contracts/error-texts";
import type { OutboundRequest } from "../../contracts/outbound";
import { spellOutButtons } from "../../effects/message-send";
import { itVerifiesTwilioPublishedExample } from "../../testing/twilio-vector";
import { channelDeps, parsedNow } from "../../testing/channel-deps";
import { serveFake, type ServedFake } from "../../testing/serve-fake";
import { createAdapter, sandboxSettings, secretSettings, settingsSchema } from "./adapter";
import { signedWebhook } from "../_twilio/wire";
import { createFake, type SmsFake } from "./fake";
import { badSamples, SAMPLE_URL, sampleSettings, samples, sid, statusOf, unverifiedSamples } from "./samples";

const adapter = createAdapter(sampleSettings, channelDeps());
const events = (result: ParsedRequest | Promise<ParsedRequest>) => {
  const parsed = parsedNow(result);
  return parsed.kind === "events" ? parsed : expect.fail("expected events");
};

describe("SMS adapter: webhooks", () => {
  it("accepts every request Twilio signed for the configured public URL", async () => {
    for (const [name, request] of Object.entries(samples)) expect(await adapter.verify(request), name).toEqual({ ok: true });
  });

  itVerifiesTwilioPublishedExample((authToken, webhookUrl) => createAdapter({ ...sampleSettings, authToken, webhookUrl }, channelDeps()));

  it.each(Object.entries(unverifiedSamples))("refuses a request Twilio did not send: %s", async (_name, { request, code }) => {
    expect(await adapter.verify(request)).toMatchObject({ ok: false, code, reason: expect.any(String) });
  });

  it("without webhookUrl checks the URL the server saw: right when Twilio calls it directly, wrong behind a proxy", async () => {
    const direct = createAdapter(sandboxSettings(), channelDeps());
    expect(await direct.verify(samples.message)).toEqual({ ok: true });
    expect(await direct.verify(samples.behindProxy)).toMatchObject({ ok: false, reason: expect.stringContaining("http://10.0.0.5:3000/") });
  });

  it("takes status callbacks signed for a separate statusCallbackUrl", async () => {
    const callbackUrl = "https://omniflow.example/api/channels/sms/inbound?kind=status";
    const withCallback = createAdapter({ ...sampleSettings, statusCallbackUrl: callbackUrl }, channelDeps());
    const callback = signedWebhook(sampleSettings.authToken, callbackUrl, statusOf(sid("a"), "delivered"));
    expect(await withCallback.verify(callback)).toEqual({ ok: true });
    expect(await withCallback.verify(samples.message)).toEqual({ ok: true });
    expect(await adapter.verify(callback)).toMatchObject({ ok: false });
  });

  it("parses a message: the sender's E.164 number, the text trimmed, MessageSid as the dedup id", () => {
    expect(adapter.parse(samples.message)).toEqual({
      kind: "events",
      messages: [{ channel: "sms", providerMessageId: sid("1"), address: "+14155550100", name: null, text: "What are your hours?" }],
      statuses: [],
    });
    expect(events(adapter.parse(samples.profileName)).messages).toMatchObject([{ address: "+447700900123", name: "Ann" }]);
    // A redelivery parses to the same provider id, so intake records it once.
    expect(events(adapter.parse(samples.duplicate)).messages[0].providerMessageId).toBe(sid("1"));
  });

  it("marks consent keywords, which still reach intake as messages", () => {
    const consent = (request: (typeof samples)[keyof typeof samples]) => events(adapter.parse(request)).messages[0];
    expect(consent(samples.stop)).toMatchObject({ text: "Stop", consent: "opted-out" });
    expect(consent(samples.start)).toMatchObject({ text: "START!", consent: "opted-in" });
    expect(consent(samples.optOutType)).toMatchObject({ text: "ARRET", consent: "opted-out" });
    expect(consent(samples.notAKeyword)).not.toHaveProperty("consent");
    expect(consent(samples.message)).not.toHaveProperty("consent");
  });

  it("maps status callbacks: sent, delivered, read; failed and undelivered with the error code; queued says nothing", () => {
    const status = (request: (typeof samples)[keyof typeof samples]) => events(adapter.parse(request)).statuses;
    const base = { channel: "sms", providerMessageId: sid("a"), at: null };
    expect(status(samples.sent)).toEqual([{ ...base, status: "sent", error: null }]);
    expect(status(samples.delivered)).toEqual([{ ...base, status: "delivered", error: null }]);
    expect(status(samples.read)).toEqual([{ ...base, status: "read", error: null }]);
    expect(status(samples.undelivered)).toEqual([{ ...base, status: "failed", error: "undelivered (Twilio error 30003)" }]);
    expect(status(samples.failed)).toEqual([{ ...base, status: "failed", error: "failed (Twilio error 30008)" }]);
    expect(adapter.parse(samples.queued)).toEqual({ kind: "events", messages: [], statuses: [] });
    for (const request of [samples.sent, samples.delivered]) expect(events(adapter.parse(request)).messages).toEqual([]);
  });

  it.each(Object.entries(badSamples).filter(([, s]) => "fields" in s))("refuses %s, naming the fields", async (_name, sample) => {
    const { fields, message } = sample as { fields: string[]; message?: string };
    expect(await adapter.verify(sample.request)).toEqual({ ok: true }); // signed by Twilio, yet malformed
    const error = (() => {
      try {
        adapter.parse(sample.request);
      } catch (e) {
        return e as { name: string; issues: { path: PropertyKey[]; message: string }[] };
      }
    })();
    expect(error?.name).toBe("ZodError");
    expect(error!.issues.map((i) => i.path.join("."))).toEqual(fields);
    if (message) expect(error!.issues[0].message).toBe(message);
  });

  it.each(Object.entries(badSamples).filter(([, s]) => "code" in s))("refuses %s before reading the payload", (_name, sample) => {
    const { code, status } = sample as { code: string; status: number };
    expect(() => adapter.parse(sample.request)).toThrow(expect.objectContaining({ name: "ChannelRequestError", code, status }));
  });
});

describe("SMS adapter: settings", () => {
  it("needs a sender: a number or a messaging service", () => {
    const { from: _from, ...noSender } = sandboxSettings();
    const result = settingsSchema.safeParse(noSender);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(["from"]);
    expect(settingsSchema.safeParse({ ...noSender, messagingServiceSid: `MG${"e".repeat(32)}` }).success).toBe(true);
  });

  it("names the field that is wrong, seals the auth token, and defaults to Twilio's API", () => {
    const bad = settingsSchema.safeParse({ ...sandboxSettings(), accountSid: "AC123", from: "0800 123", webhookUrl: "ftp://x", extra: 1 });
    expect(bad.error?.issues.map((i) => i.path.join(".")).sort()).toEqual(["", "accountSid", "from", "webhookUrl"].sort());
    expect(secretSettings).toEqual(["authToken"]);
    expect(settingsSchema.parse(sandboxSettings())).toMatchObject({ baseUrl: "https://api.twilio.com" });
  });
});

describe("SMS adapter: sending through the fake Twilio over HTTP", () => {
  let fake: SmsFake;
  let served: ServedFake;
  const calls: OutboundRequest[] = [];
  const make = (overrides: Record<string, unknown> = {}) =>
    createAdapter(
      { ...sampleSettings, baseUrl: served.baseUrl, ...overrides },
      channelDeps({
        http: (request) => {
          calls.push(request);
          return served.http(request);
        },
      }),
    );
  const message = (text: string, address = "+14155550100"): OutboundMessage => ({
    key: `i:${text}`,
    messageId: `msg-${text}`,
    conversationId: "c-1",
    channel: "sms",
    address,
    text,
  });

  beforeAll(async () => {
    fake = createFake(sampleSettings);
    served = await serveFake(fake);
  });
  afterAll(() => served.close());

  it("posts the form Twilio expects and returns the message SID", async () => {
    const sms = make();
    expect(sms.quickReplies).toBe(false);
    // Quick replies arrive spelled out: the engine's message.send does that for channels without buttons.
    const receipt = await sms.send(message(spellOutButtons("Was it you?", ["Yes", "No"])));
    expect(receipt.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(fake.deliveries()).toMatchObject([
      { providerMessageId: receipt.providerMessageId, address: "+14155550100", text: "Was it you? (Yes / No)", buttons: [] },
    ]);
    const call = calls.at(-1)!;
    expect(call.url).toBe(`${served.baseUrl}/2010-04-01/Accounts/${sampleSettings.accountSid}/Messages.json`);
    expect(Object.fromEntries(new URLSearchParams(call.body ?? ""))).toEqual({
      To: "+14155550100",
      Body: "Was it you? (Yes / No)",
      From: "+15005550006",
      StatusCallback: SAMPLE_URL,
    });
    expect(call.headers.authorization).toBe(`Basic ${Buffer.from(`${sampleSettings.accountSid}:${sampleSettings.authToken}`).toString("base64")}`);
    expect(call.maxBodyBytes).toBe(64 * 1024);
  });

  it("sends from a messaging service when one is set", async () => {
    const service = `MG${"e".repeat(32)}`;
    const servedByService = await serveFake(createFake({ ...sandboxSettings(), from: undefined, messagingServiceSid: service }));
    try {
      const sms = createAdapter(
        { ...sandboxSettings(), from: undefined, messagingServiceSid: service, baseUrl: servedByService.baseUrl },
        channelDeps({ http: servedByService.http }),
      );
      expect((await sms.send(message("hello"))).providerMessageId).toMatch(/^SM/);
    } finally {
      await servedByService.close();
    }
  });

  it.each([
    ["a wrong auth token", { authToken: "not-the-real-token-0" }, message("hi"), "Twilio answered HTTP 401 (error 20003): Authenticate"],
    ["another sender number", { from: "+15005550001" }, message("hi"), "Twilio answered HTTP 400 (error 21606): The From phone number +15005550001 is not"],
    ["a number that is not one", {}, message("hi", "+1"), "Twilio answered HTTP 400 (error 21211): The 'To' number +1 is not a valid phone number."],
    ["an empty body", {}, message(" "), "Twilio answered HTTP 400 (error 21602): Message body is required."],
  ])("throws what Twilio said when it refuses: %s", async (_name, overrides, outbound, said) => {
    await expect(make(overrides).send(outbound)).rejects.toThrow(said);
  });

  it("words the refusal by code: Twilio's message as it came, ours around it in Russian", async () => {
    const error = await make({ authToken: "not-the-real-token-0" })
      .send(message("hi"))
      .catch((e: Error) => e);
    expect(error).toMatchObject({ code: "twilio.refused", params: { status: 401, errorCode: 20003, said: "Authenticate" } });
    expect(errorText(error as Error, "ru")).toBe("Twilio ответил кодом HTTP 401 (ошибка 20003): Authenticate");
  });

  it("is refused (21610) for a customer who wrote STOP, until START", async () => {
    const customer = { address: "+14155550199" };
    fake.customerWrites(customer, "stop", SAMPLE_URL);
    await expect(make().send(message("promo", customer.address))).rejects.toThrow("(error 21610): Attempt to send to unsubscribed recipient");
    fake.customerWrites(customer, "start", SAMPLE_URL);
    await expect(make().send(message("welcome back", customer.address))).resolves.toMatchObject({ providerMessageId: expect.stringMatching(/^SM/) });
  });

  it("throws on an outage so the dispatcher retries", async () => {
    const down = createAdapter(
      sampleSettings,
      channelDeps({ http: async () => ({ status: 503, url: "", contentType: "text/html", text: "<h1>Service Unavailable</h1>", truncated: false }) }),
    );
    await expect(down.send(message("hi"))).rejects.toThrow("Twilio answered HTTP 503: <h1>Service Unavailable</h1>");
    const empty = createAdapter(sampleSettings, channelDeps({ http: async () => ({ status: 502, url: "", contentType: "", text: "", truncated: false }) }));
    await expect(empty.send(message("hi"))).rejects.toMatchObject({ code: "twilio.answered-empty", message: "Twilio answered HTTP 502: (no body)" });
  });

  it("reads the fake's webhooks: a customer's message and the status of what we sent", async () => {
    const sms = make();
    const written = fake.customerWrites({ address: "+14155550123", name: "Lee" }, "hello there", SAMPLE_URL);
    expect(await sms.verify(written)).toEqual({ ok: true });
    expect(events(sms.parse(written)).messages).toMatchObject([{ address: "+14155550123", name: "Lee", text: "hello there" }]);

    const { providerMessageId } = await sms.send(message("on its way"));
    for (const status of ["sent", "delivered", "read", "failed"] as const) {
      const report = fake.statusReport!(providerMessageId!, status, SAMPLE_URL);
      expect(await sms.verify(report)).toEqual({ ok: true });
      expect(events(sms.parse(report)).statuses).toEqual([
        { channel: "sms", providerMessageId, status, error: status === "failed" ? "undelivered (Twilio error 30003)" : null, at: null },
      ]);
    }
    expect(() => fake.statusReport!(sid("f"), "delivered", SAMPLE_URL)).toThrow("took no message");
  });

  it("a webhook the fake signed for another number's account does not verify", async () => {
    const other = createFake({ ...sandboxSettings(), authToken: "another-account-token" });
    expect(await make().verify(other.customerWrites({ address: "+14155550100" }, "hi", SAMPLE_URL))).toMatchObject({ ok: false });
  });
});
