import { afterEach, describe, expect, it } from "vitest";
import { errorText } from "../../contracts/error-texts";
import { createHostCheck } from "../../outbound/client";
import { channelDeps } from "../../testing/channel-deps";
import type { InboundMessage, OutboundMessage, ParsedRequest } from "../channel";
import { createAdapter } from "./adapter";
import { createFake, type EmailFake } from "./fake";
import { badSamples, mails, settings, unverifiedSamples, URL, webhook } from "./samples";
import { messageIdFor } from "./send";

const adapter = createAdapter(settings, channelDeps());
const parse = async (raw: Buffer, recipients?: string[]) => (await adapter.parse(webhook(raw, recipients))) as Extract<ParsedRequest, { kind: "events" }>;
const message = async (raw: Buffer, recipients?: string[]): Promise<InboundMessage> => {
  const { messages } = await parse(raw, recipients);
  expect(messages).toHaveLength(1);
  return messages[0];
};

describe("e-mail: reading mail (mailparser)", () => {
  it("a plain mail: sender lower-cased with their name, Message-ID as the dedup id, the subject kept", async () => {
    expect(await message(mails.plain)).toEqual({
      channel: "email",
      providerMessageId: "plain-1@mail.example",
      address: "ann.lee@example.com",
      name: "Ann Lee",
      text: "Where is my parcel?",
      thread: { replyTo: [], token: null, subject: "Order 1042" },
    });
  });

  it("an HTML-only mail becomes text", async () => {
    expect((await message(mails.htmlOnly)).text).toBe("Hello there\n\nSecond line");
  });

  it("a multipart mail with an attachment: the text part, the attachment listed by name", async () => {
    expect((await message(mails.withAttachment)).text).toBe("See the invoice.\n\nAttachments: invoice.pdf");
  });

  it("quoted-printable with a soft line break and UTF-8", async () => {
    expect((await message(mails.quotedPrintable)).text).toBe("Café opening hours, please. This line is long enough to be wrapped by a soft break.");
  });

  it("a UTF-8 subject and sender name (RFC 2047)", async () => {
    const m = await message(mails.utf8Subject);
    expect([m.name, m.thread?.subject, m.text]).toEqual(["Иван Петров", "Где мой заказ?", "Здравствуйте!"]);
  });

  it("a reply: In-Reply-To first, then References newest first, and the token from the plus-address", async () => {
    expect((await message(mails.reply)).thread).toEqual({
      replyTo: ["ours-2@acme.test", "ours-1@acme.test"],
      token: "0193a1b2c3d4-0000-1122334455667788",
      subject: "Re: Your message",
    });
  });

  it("the reply token in the subject, and in the envelope's recipient when the headers do not show it", async () => {
    expect((await message(mails.tokenInSubject)).thread?.token).toBe("0193a1b2c3d4-0000-1122334455667788");
    expect((await message(mails.plain, ["support+tok-12345678@acme.test"])).thread?.token).toBe("tok-12345678");
    // A plus-address at someone else's domain is not our token.
    expect((await message(mails.plain, ["support+tok-12345678@elsewhere.test"])).thread?.token).toBeNull();
  });

  it("a mail without a Message-ID is known by its bytes", async () => {
    const first = await message(mails.noMessageId);
    expect(first.providerMessageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect((await message(mails.noMessageId)).providerMessageId).toBe(first.providerMessageId);
  });

  it("an auto-reply is nobody talking: no message", async () => {
    expect(await parse(mails.autoReply)).toEqual({ kind: "events", messages: [], statuses: [] });
  });

  it("a bounce (DSN) is a failed delivery of the message it returns, with the server's diagnostic", async () => {
    expect(await parse(mails.bounce)).toEqual({
      kind: "events",
      messages: [],
      statuses: [
        {
          channel: "email",
          providerMessageId: "ours-2@acme.test",
          status: "failed",
          error: "550 5.1.1 <ann.lee@example.com>: Recipient address rejected: User unknown",
          at: null,
        },
      ],
    });
  });
});

describe("e-mail: the inbound webhook", () => {
  it("takes a body signed with the secret", () => {
    expect(adapter.verify(webhook(mails.plain))).toEqual({ ok: true });
  });

  it.each(Object.entries(unverifiedSamples))("refuses %s", (_name, sample) => {
    expect(adapter.verify(sample.request)).toMatchObject({ ok: false, code: sample.code });
  });

  it.each(Object.entries(badSamples))("names the field of a malformed body (%s)", async (_name, sample) => {
    const error = await Promise.resolve(adapter.parse(sample.request)).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ZodError" });
    expect((error as { issues: { path: PropertyKey[] }[] }).issues.map((i) => i.path.join("."))).toEqual(sample.fields);
  });

  it("a replayed mail parses to the same id, which intake deduplicates", async () => {
    expect((await message(mails.plain)).providerMessageId).toBe((await message(mails.plain)).providerMessageId);
  });
});

describe("e-mail: sending over SMTP to the fake provider on 127.0.0.1", () => {
  let fake: EmailFake;
  let email: ReturnType<typeof createAdapter> | undefined;
  afterEach(async () => {
    email?.close();
    await fake?.close();
  });

  /** The adapter pointed at the fake, reaching 127.0.0.1 through the engine's outbound policy with the fake allowed. */
  async function served(extra: Record<string, unknown> = {}, ours: Record<string, unknown> = {}) {
    fake = createFake({ ...settings, ...extra });
    const { port } = await fake.listen();
    const check = createHostCheck({ allow: [`127.0.0.1:${port}`] });
    const deps = channelDeps({ admitHost: async (host, p) => (await check(host, p))[0].address });
    email = createAdapter({ ...settings, ...extra, ...ours, smtpPort: port }, deps);
    return email;
  }
  const outbound = (over: Partial<OutboundMessage> = {}): OutboundMessage => ({
    key: "inst-1:step-3:0",
    messageId: "msg-1",
    conversationId: "conv-1234567890",
    channel: "email",
    address: "ann.lee@example.com",
    text: "Your parcel left today.\n\nTrack it here.",
    ...over,
  });

  it("sends a threaded reply: Message-ID from the key, In-Reply-To and References, Re: subject, Reply-To with the token, HTML + text", async () => {
    const sender = await served({ smtpUser: "omniflow", smtpPassword: "s3cret" });
    const receipt = await sender.send(outbound({ inReplyTo: { providerMessageId: "plain-1@mail.example", subject: "Order 1042" } }));
    expect(receipt).toEqual({ providerMessageId: messageIdFor("inst-1:step-3:0", "acme.test") });
    expect(fake.mails()).toEqual([
      expect.objectContaining({
        providerMessageId: receipt.providerMessageId,
        address: "ann.lee@example.com",
        text: "Your parcel left today.\n\nTrack it here.",
        subject: "Re: Order 1042",
        html: "<p>Your parcel left today.</p>\n<p>Track it here.</p>",
        replyTo: "support+conv-1234567890@acme.test",
        inReplyTo: "plain-1@mail.example",
        references: ["plain-1@mail.example"],
        user: "omniflow",
      }),
    ]);
    // A retry of the same send carries the same Message-ID.
    await sender.send(outbound({ inReplyTo: { providerMessageId: "plain-1@mail.example", subject: "Re: Order 1042" } }));
    expect(fake.mails()[1]).toMatchObject({ providerMessageId: receipt.providerMessageId, subject: "Re: Order 1042" });
  });

  it("a message that answers no mail gets the default subject and no threading headers", async () => {
    const sender = await served({ tokenInSubject: true });
    await sender.send(outbound({ inReplyTo: { providerMessageId: "m-1", subject: null } }));
    expect(fake.mails()[0]).toMatchObject({ subject: "Your message [#conv-1234567890]", inReplyTo: null, references: [] });
  });

  it("a 5xx refusal fails the message for good; a 4xx is tried again", async () => {
    const sender = await served({ smtpUser: "omniflow", smtpPassword: "s3cret" });
    const refused = await sender.send(outbound({ address: "nobody@refused.test" })).catch((e: Error) => e);
    expect(refused).toMatchObject({ name: "RequestRefused", code: "email.smtp-refused", message: expect.stringContaining("User unknown") });
    // The server's words are kept as they came; only ours around them are translated.
    const said = (refused as Error & { params: { said: string } }).params.said;
    expect(said).toContain("550 5.1.1");
    expect(errorText(refused as Error, "ru")).toBe(`SMTP-сервер отказался принять письмо: ${said}`);
    const later = await sender.send(outbound({ address: "someone@busy.test" })).catch((e: Error) => e);
    expect(later).toMatchObject({ code: "email.smtp-answered", message: expect.stringContaining("Greylisted") });
    expect((later as Error).name).not.toBe("RequestRefused");
    expect(fake.mails()).toEqual([]);
  });

  it("wrong SMTP credentials are the server's refusal (535)", async () => {
    const sender = await served({ smtpUser: "omniflow", smtpPassword: "s3cret" }, { smtpPassword: "wrong" });
    await expect(sender.send(outbound())).rejects.toMatchObject({ name: "RequestRefused", message: expect.stringContaining("535") });
  });

  it("refuses an internal SMTP host the outbound policy does not allow, before connecting", async () => {
    fake = createFake(settings);
    const { port } = await fake.listen();
    const deps = channelDeps({ admitHost: async (host, p) => (await createHostCheck()(host, p))[0].address });
    email = createAdapter({ ...settings, smtpPort: port }, deps);
    await expect(email.send(outbound())).rejects.toMatchObject({ name: "RequestRefused", message: expect.stringContaining("loopback") });
    expect(fake.mails()).toEqual([]);
  });

  it("answers HTTP calls with 501: mail goes over SMTP", async () => {
    fake = createFake(settings);
    expect(await fake.answer({ url: `${URL}`, method: "POST", headers: {}, body: null })).toMatchObject({ status: 501 });
  });
});
