import { afterEach, describe, expect, it } from "vitest";
import { channelDeps, parsedNow } from "../../testing/channel-deps";
import { type ServedFake, serveFake } from "../../testing/serve-fake";
import type { OutboundMessage, ParsedRequest, RawRequest } from "../channel";
import type { ProviderFake } from "../provider-fake";
import { createAdapter, settingsSchema } from "./adapter";
import { hubSignature } from "./api";
import { composeMessage } from "./compose";
import { createFake } from "./fake";
import { badSamples, CUSTOMER, sampleSettings, samples, unverifiedSamples, WEBHOOK_URL } from "./samples";

const adapter = (overrides: Record<string, unknown> = {}) => createAdapter({ ...sampleSettings, ...overrides }, channelDeps());
const events = (result: ParsedRequest | Promise<ParsedRequest>) => {
  const parsed = parsedNow(result);
  if (parsed.kind !== "events") throw new Error(`expected events, got ${parsed.kind}`);
  return parsed;
};
const parse = (request: RawRequest) => events(adapter().parse(request));
const zodError = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e as { name: string; issues: { path: PropertyKey[]; message: string }[] };
  }
};

describe("WhatsApp signatures", () => {
  // Meta's own WhatsApp Node.js SDK checks its signer against this vector: body "test" under the app
  // secret "TEST_APP_SECRET" (its jest.config.ts globals) signs to 0c61947b…8221.
  // https://github.com/WhatsApp/WhatsApp-Nodejs-SDK/blob/main/src/__tests__/utils.test.ts ("signature match")
  const SDK_VECTOR = { appSecret: "TEST_APP_SECRET", body: "test", signature: "0c61947b610d4f45e65f3d680e26027121ec2413e77598bcb6cfc6e0d9888221" };

  it("reproduces the signature vector of Meta's WhatsApp SDK byte for byte, and verify accepts it as X-Hub-Signature-256", async () => {
    expect(hubSignature(SDK_VECTOR.appSecret, SDK_VECTOR.body)).toBe(`sha256=${SDK_VECTOR.signature}`);
    const request: RawRequest = {
      method: "POST",
      url: WEBHOOK_URL,
      headers: { "content-type": "application/json", "x-hub-signature-256": `sha256=${SDK_VECTOR.signature}` },
      body: Buffer.from(SDK_VECTOR.body),
    };
    expect(await adapter({ appSecret: SDK_VECTOR.appSecret }).verify(request)).toEqual({ ok: true });
    // One hex digit off, or another secret: refused.
    const flipped = { ...request, headers: { ...request.headers, "x-hub-signature-256": `sha256=1${SDK_VECTOR.signature.slice(1)}` } };
    expect(await adapter({ appSecret: SDK_VECTOR.appSecret }).verify(flipped)).toMatchObject({ ok: false, code: "invalid_signature" });
    expect(await adapter({ appSecret: "TEST_APP_SECRET2" }).verify(request)).toMatchObject({ ok: false, code: "invalid_signature" });
  });

  it("accepts every webhook Meta signs and the verification GET carrying the verify token", async () => {
    const a = adapter();
    for (const request of [...Object.values(samples), ...Object.values(badSamples).map((s) => s.request)]) {
      expect(await a.verify(request)).toEqual({ ok: true });
    }
  });

  it.each(Object.entries(unverifiedSamples))("refuses %s", async (_name, { request, code }) => {
    expect(await adapter().verify(request)).toMatchObject({ ok: false, code, reason: expect.any(String) });
  });
});

describe("WhatsApp webhooks", () => {
  it("answers the verification GET with the challenge, as plain text", () => {
    expect(adapter().parse(samples.verification)).toEqual({
      kind: "handshake",
      answer: { status: 200, contentType: "text/plain; charset=utf-8", body: "1158201444" },
    });
  });

  it("reads a text message: the customer's number in E.164 with +, their profile name, Meta's message id", () => {
    expect(parse(samples.text)).toEqual({
      kind: "events",
      messages: [
        { channel: "whatsapp", providerMessageId: "wamid.text-1", address: `+${CUSTOMER}`, name: "Sheena Nelson", text: "Does it come in another color?" },
      ],
      statuses: [],
    });
    // Meta redelivering it: the same provider id, which intake deduplicates.
    expect(parse(samples.redelivered).messages[0].providerMessageId).toBe("wamid.text-1");
  });

  it("reads a button, list or template-button reply as the chosen title, a caption as the text, anything else by its kind", () => {
    const texts = [samples.buttonReply, samples.listReply, samples.templateButton, samples.imageWithCaption, samples.location].map(
      (r) => parse(r).messages[0].text,
    );
    expect(texts).toEqual(["No", "Track my parcel", "Talk to us", "My receipt", "[location]"]);
  });

  it("passes over reactions and changes for another business number", () => {
    expect(parse(samples.reaction)).toEqual({ kind: "events", messages: [], statuses: [] });
    expect(parse(samples.otherNumber)).toEqual({ kind: "events", messages: [], statuses: [] });
  });

  it("reads every message and status of a batched webhook", () => {
    const { messages, statuses } = parse(samples.batch);
    expect(messages.map((m) => [m.providerMessageId, m.address, m.name, m.text])).toEqual([
      ["wamid.batch-1", "+16505551234", "Sheena Nelson", "hi"],
      ["wamid.batch-2", "+2348012345678", "Ade", "hello"],
    ]);
    expect(statuses.map((s) => [s.providerMessageId, s.status])).toEqual([
      ["wamid.ours-1", "delivered"],
      ["wamid.ours-2", "read"],
    ]);
  });

  it("reads statuses with Meta's time and errors, passing over kinds we do not track", () => {
    expect(parse(samples.statuses).statuses).toEqual([
      { channel: "whatsapp", providerMessageId: "wamid.ours-1", status: "sent", error: null, at: 1733140100_000 },
      { channel: "whatsapp", providerMessageId: "wamid.ours-1", status: "delivered", error: null, at: 1733140100_000 },
      { channel: "whatsapp", providerMessageId: "wamid.ours-1", status: "read", error: null, at: 1733140100_000 },
      {
        channel: "whatsapp",
        providerMessageId: "wamid.ours-2",
        status: "failed",
        error: "131026 Message undeliverable Message Undeliverable.",
        at: 1733140100_000,
      },
    ]);
  });

  it.each(Object.entries(badSamples).filter(([, s]) => "fields" in s))("refuses %s, naming the fields", (_name, sample) => {
    const error = zodError(() => adapter().parse(sample.request));
    expect(error?.name).toBe("ZodError");
    expect(error?.issues.map((i) => i.path.join("."))).toEqual((sample as { fields: string[] }).fields);
  });

  it.each(Object.entries(badSamples).filter(([, s]) => "code" in s))("refuses %s before reading the payload", (_name, sample) => {
    const { code, status } = sample as { code: string; status: number };
    expect(() => adapter().parse(sample.request)).toThrow(expect.objectContaining({ name: "ChannelRequestError", code, status }));
  });
});

describe("WhatsApp quick replies", () => {
  const compose = (buttons: string[], text = "Pick one") => composeMessage({ address: "+16505551234", text, buttons }, "Choose");
  const kind = (p: ReturnType<typeof compose>) => (p.type === "interactive" ? p.interactive.type : p.type);

  it("uses reply buttons for up to 3 titles of up to 20 characters, a list for up to 10 of up to 24, else spells them out", () => {
    expect(kind(compose(["Yes", "No", "x".repeat(20)]))).toBe("button");
    expect(kind(compose(["Yes", "No", "x".repeat(21)]))).toBe("list");
    expect(kind(compose(["1", "2", "3", "4"]))).toBe("list");
    expect(kind(compose(Array.from({ length: 10 }, (_, i) => `${i}`)))).toBe("list");
    expect(compose(Array.from({ length: 11 }, (_, i) => `${i}`))).toMatchObject({
      type: "text",
      text: { body: "Pick one (0 / 1 / 2 / 3 / 4 / 5 / 6 / 7 / 8 / 9 / 10)" },
    });
    expect(kind(compose(["Yes", "x".repeat(25)]))).toBe("text");
    expect(kind(compose(["Yes"], "x".repeat(1025)))).toBe("text");
    expect(compose([])).toEqual({
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: "16505551234",
      type: "text",
      text: { body: "Pick one", preview_url: false },
    });
  });
});

describe("WhatsApp sends, against the fake Cloud API over HTTP", () => {
  let served: ServedFake | undefined;
  afterEach(async () => {
    await served?.close();
    served = undefined;
  });
  const start = async (settings: Record<string, unknown> = {}, fakeSettings: Record<string, unknown> = {}) => {
    const fake = createFake({ ...sampleSettings, ...fakeSettings });
    served = await serveFake(fake);
    return { fake, adapter: createAdapter({ ...sampleSettings, ...settings, baseUrl: served.baseUrl }, channelDeps({ http: served.http })) };
  };
  let n = 0;
  const message = (text: string, buttons?: string[], address = `+${CUSTOMER}`): OutboundMessage => {
    n += 1;
    return { key: `i:${n}`, messageId: `msg-${n}`, conversationId: "c-1", channel: "whatsapp", address, text, ...(buttons && { buttons }) };
  };
  /** The customer writes (opening the 24-hour window) and the adapter reads what the fake's webhook says. */
  const customerSays = (fake: ProviderFake, text: string) =>
    events(adapter().parse(fake.customerWrites({ address: `+${CUSTOMER}`, name: "Sheena" }, text, WEBHOOK_URL)));

  it("sends text inside the window and returns Meta's message id", async () => {
    const { fake, adapter: a } = await start();
    customerSays(fake, "hi");
    const receipt = await a.send(message("Hello!"));
    expect(receipt.providerMessageId).toMatch(/^wamid\./);
    expect(fake.deliveries()).toEqual([
      { providerMessageId: receipt.providerMessageId, address: `+${CUSTOMER}`, text: "Hello!", buttons: [], at: expect.any(Number) },
    ]);
  });

  it("shows quick replies as buttons or a list, and a tap comes back as the button's text", async () => {
    const { fake, adapter: a } = await start();
    customerSays(fake, "hi");
    await a.send(message("Was it you?", ["Yes", "No"]));
    expect(fake.deliveries().at(-1)).toMatchObject({ text: "Was it you?", buttons: ["Yes", "No"] });
    expect(customerSays(fake, "No").messages[0]).toMatchObject({ text: "No", address: `+${CUSTOMER}`, name: "Sheena" });

    const topics = ["Billing", "Delivery", "Returns", "Something else entirely"];
    await a.send(message("What is it about?", topics));
    expect(fake.deliveries().at(-1)?.buttons).toEqual(topics);
    expect(customerSays(fake, "Returns").messages[0].text).toBe("Returns");
  });

  it("sends the re-open template with the text when WhatsApp refuses a message outside the 24-hour window", async () => {
    const { fake, adapter: a } = await start();
    const receipt = await a.send(message("Your parcel is on its way.", ["Track it"]));
    expect(fake.deliveries()).toEqual([
      { providerMessageId: receipt.providerMessageId, address: `+${CUSTOMER}`, text: "Your parcel is on its way.", buttons: [], at: expect.any(Number) },
    ]);
  });

  it("fails with WhatsApp's words when no re-open template is configured, the token is wrong, or the number is not ours", async () => {
    const noTemplate = await start({ reopenTemplate: undefined, reopenTemplateTakesText: false });
    await expect(noTemplate.adapter.send(message("Hello"))).rejects.toThrow(
      "HTTP 400, code 131047: (#131047) Re-engagement message (Message failed to send because more than 24 hours",
    );
    await served?.close();
    const badToken = await start({ accessToken: "expired" });
    await expect(badToken.adapter.send(message("Hello"))).rejects.toThrow("HTTP 401, code 190: Invalid OAuth access token");
    await served?.close();
    const otherNumber = await start({ phoneNumberId: "555" });
    await expect(otherNumber.adapter.send(message("Hello"))).rejects.toMatchObject({
      message: expect.stringContaining("code 100: Unsupported post request. Object with ID '555' does not exist"),
      code: "whatsapp.refused",
      params: { errorCode: 100 },
    });
    await served?.close();
    const unknownTemplate = await start({ reopenTemplate: "not_approved" });
    await expect(unknownTemplate.adapter.send(message("Hello"))).rejects.toThrow("HTTP 404, code 132001");
    expect(unknownTemplate.fake.deliveries()).toEqual([]);
  });

  it("refuses an address that is not a phone number, and throws on a provider outage (the dispatcher retries)", async () => {
    const { adapter: a } = await start();
    await expect(a.send(message("Hello", undefined, "v-1"))).rejects.toMatchObject({
      message: expect.stringContaining('"v-1" is not a WhatsApp address'),
      code: "whatsapp.address",
      params: { address: "v-1" },
    });
    const down = createAdapter(
      sampleSettings,
      channelDeps({ http: async (r) => ({ status: 503, url: r.url, contentType: "text/html", text: "<h1>Service Unavailable</h1>", truncated: false }) }),
    );
    await expect(down.send(message("Hello"))).rejects.toThrow("WhatsApp answered HTTP 503: <h1>Service Unavailable</h1>");
  });

  it("sends a repeated key once, answering with the first message's id", async () => {
    const { fake, adapter: a } = await start();
    customerSays(fake, "hi");
    const first = message("Once");
    expect(await a.send(first)).toEqual(await a.send(first));
    expect(fake.deliveries()).toHaveLength(1);
  });

  it("reads the fake's status reports, whatever order they come in", async () => {
    const { fake, adapter: a } = await start();
    customerSays(fake, "hi");
    const { providerMessageId } = await a.send(message("Hello"));
    const reports = (["read", "delivered", "failed"] as const).map((s) =>
      parse(fake.statusReport?.(providerMessageId as string, s, WEBHOOK_URL) as RawRequest),
    );
    expect(reports.map((r) => [r.statuses[0].providerMessageId, r.statuses[0].status])).toEqual([
      [providerMessageId, "read"],
      [providerMessageId, "delivered"],
      [providerMessageId, "failed"],
    ]);
    expect(reports[2].statuses[0].error).toContain("131026");
  });
});

describe("WhatsApp settings", () => {
  it("defaults the API version and base URL, and names what is missing or unknown", () => {
    const parsed = settingsSchema.parse({ accessToken: "t", appSecret: "s", verifyToken: "v", phoneNumberId: "1" });
    expect(parsed).toMatchObject({ apiVersion: "v26.0", baseUrl: "https://graph.facebook.com", reopenTemplateLanguage: "en_US", listButtonLabel: "Choose" });
    const missing = settingsSchema.safeParse({ phoneNumberId: "+1", token: "x" });
    expect(missing.error?.issues.map((i) => i.path.join(".") || i.code).sort()).toEqual([
      "accessToken",
      "appSecret",
      "phoneNumberId",
      "unrecognized_keys",
      "verifyToken",
    ]);
    expect(() => createAdapter({ ...sampleSettings, apiVersion: "26" }, channelDeps())).toThrow("must look like v26.0");
  });
});
