/**
 * E-mail end to end through real SQLite: mail in by the signed webhook and by the SMTP listener
 * (nodemailer talking SMTP to it on 127.0.0.1), a published flow's reply out over SMTP to the fake
 * provider with threading headers, the customer's reply threaded back, and a bounce failing the message.
 */
import nodemailer from "nodemailer";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { composeMail } from "../../engine/channels/email/compose";
import { createFake, type EmailFake } from "../../engine/channels/email/fake";
import { settings, webhook } from "../../engine/channels/email/samples";
import { settingsSchema } from "../../engine/channels/email/settings";
import { startSmtpListener, type SmtpListener } from "../../engine/channels/email/smtp-listener";
import { newId } from "../../engine/store/ids";
import { ackFlow } from "../../engine/testing/flows";
import { testDb } from "../../engine/testing/test-db";
import { openTestEngine, publishFlow, type TestEngine, tempDb } from "../../engine/testing/test-engine";

const URL = "http://localhost:3000/api/channels/email/inbound";
const ann = { address: "ann.lee@example.com", name: "Ann Lee" };

let tmp: ReturnType<typeof tempDb>;
let fake: EmailFake;
let t: TestEngine;
let listener: SmtpListener | undefined;

beforeEach(async () => {
  tmp = tempDb("omniflow-email-");
  fake = createFake(settings);
  const { port } = await fake.listen();
  t = openTestEngine(tmp.file, { channelSettings: { email: { ...settings, smtpPort: port } }, outbound: { allow: [`127.0.0.1:${port}`] } });
  await publishFlow(t.engine, "Ack", ackFlow("Thanks, we are on it."));
});
afterEach(async () => {
  await listener?.close();
  listener = undefined;
  await t.engine.close();
  await fake.close();
  tmp.remove();
});

type Row = { conversationId: string; direction: string; text: string; providerId: string | null; subject: string | null; status: string };
const messages = (): Row[] =>
  testDb(t.engine).prepare(`SELECT conversationId, direction, text, providerId, subject, status FROM "Message" ORDER BY createdAt, id`).all() as Row[];

describe("e-mail through the engine", () => {
  it("a signed webhook mail → the customer's message once → the reply over SMTP, threaded → the customer's reply in that conversation", async () => {
    const first = fake.customerWrites(ann, "Where is my parcel?", URL);
    expect(await t.engine.receiveRequest("email", first)).toMatchObject({ kind: "json", status: 202 });
    expect(await t.engine.receiveRequest("email", first)).toMatchObject({ kind: "json", status: 200, body: { status: "duplicate" } });
    await t.engine.dispatch();

    const [customer, reply] = messages();
    expect(customer).toMatchObject({ direction: "in", text: "Where is my parcel?", subject: "Hello" });
    expect(reply).toMatchObject({ direction: "out", status: "sent", conversationId: customer.conversationId });
    const [mail] = fake.mails();
    expect(mail).toMatchObject({
      address: ann.address,
      text: "Thanks, we are on it.",
      subject: "Re: Hello",
      inReplyTo: customer.providerId,
      replyTo: `support+${customer.conversationId}@acme.test`,
      providerMessageId: reply.providerId,
    });

    // A newer conversation for Ann (as a merge or a new ticket would make): her reply still finds the old one by its headers.
    const db = testDb(t.engine);
    const { customerId } = db.prepare(`SELECT customerId FROM "Conversation" WHERE id = ?`).get(customer.conversationId) as { customerId: string };
    const newer = newId();
    const later = new Date(t.clock.now() + 1000).toISOString();
    db.prepare(`INSERT INTO "Conversation" (id, customerId, channel, address, createdAt, updatedAt) VALUES (?, ?, 'email', ?, ?, ?)`).run(
      newer,
      customerId,
      ann.address,
      later,
      later,
    );
    await t.engine.receiveRequest("email", fake.customerWrites(ann, "It has not arrived.", URL));
    expect(messages().find((m) => m.text === "It has not arrived.")).toMatchObject({ conversationId: customer.conversationId, subject: "Re: Hello" });
  });

  it("threads a reply by its In-Reply-To / References alone, and by the reply token alone; a mail with neither goes to the current conversation", async () => {
    await t.engine.receiveRequest("email", fake.customerWrites(ann, "Where is my parcel?", URL));
    await t.engine.dispatch();
    const [first] = messages();
    const [ours] = fake.mails();
    // Ann's current conversation is a newer one: only threading can lead a reply back to the first.
    const db = testDb(t.engine);
    const { customerId } = db.prepare(`SELECT customerId FROM "Conversation" WHERE id = ?`).get(first.conversationId) as { customerId: string };
    const newer = newId();
    const later = new Date(t.clock.now() + 1000).toISOString();
    db.prepare(`INSERT INTO "Conversation" (id, customerId, channel, address, createdAt, updatedAt) VALUES (?, ?, 'email', ?, ?, ?)`).run(
      newer,
      customerId,
      ann.address,
      later,
      later,
    );
    const from = { address: ann.address, name: ann.name };
    const write = (text: string, to: string, headers: { inReplyTo?: string; references?: string[] } = {}) =>
      t.engine.receiveRequest("email", webhook(composeMail({ from, to, subject: "Re: Hello", text, ...headers }), [to]));

    // To the plain support address (no token anywhere), answering our mail by its headers.
    await write("headers only", settings.fromAddress, { inReplyTo: ours.providerMessageId, references: [first.providerId ?? "", ours.providerMessageId] });
    // No threading headers, to the Reply-To address that carries the token.
    await write("token only", `support+${first.conversationId}@acme.test`);
    await write("neither", settings.fromAddress);
    const conversationOf = (text: string) => messages().find((m) => m.text === text)?.conversationId;
    expect([conversationOf("headers only"), conversationOf("token only"), conversationOf("neither")]).toEqual([
      first.conversationId,
      first.conversationId,
      newer,
    ]);
  });

  it("nobody joins another customer's thread, whatever ids or token their mail names", async () => {
    await t.engine.receiveRequest("email", fake.customerWrites(ann, "Hello", URL));
    const [annMessage] = messages();
    const bob = composeMail({
      from: { address: "bob@example.org" },
      to: `support+${annMessage.conversationId}@acme.test`,
      subject: `Re: Hello [#${annMessage.conversationId}]`,
      text: "let me in",
      inReplyTo: annMessage.providerId ?? "",
    });
    await t.engine.receiveRequest("email", webhook(bob));
    expect(messages().find((m) => m.text === "let me in")?.conversationId).not.toBe(annMessage.conversationId);
  });

  it("a bounce for our mail fails it", async () => {
    await t.engine.receiveRequest("email", fake.customerWrites(ann, "Hi", URL));
    await t.engine.dispatch();
    const [mail] = fake.mails();
    expect(await t.engine.receiveRequest("email", fake.statusReport(mail.providerMessageId, "failed", URL))).toMatchObject({ status: 202 });
    expect(messages().find((m) => m.direction === "out")).toMatchObject({ providerId: mail.providerMessageId, status: "failed" });
  });

  it("a refused webhook writes nothing", async () => {
    const request = fake.customerWrites(ann, "Hi", URL);
    const tampered = { ...request, body: Buffer.from(request.body.toString().replace(/"raw":"./, '"raw":"B')) };
    expect(await t.engine.receiveRequest("email", tampered)).toMatchObject({ status: 401, body: { error: "invalid_signature" } });
    expect(messages()).toEqual([]);
  });
});

describe("the SMTP listener", () => {
  const client = (port: number) => nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true });
  const listen = async () => {
    listener = await startSmtpListener({ settings: settingsSchema.parse(settings), port: 0, receive: (r) => t.engine.receiveRequest("email", r) });
    return client(listener.port);
  };
  const mail = {
    from: '"Ann Lee" <Ann.Lee@example.com>',
    to: "support@acme.test",
    subject: "Parcel",
    text: "Where is it?",
    messageId: "<smtp-1@mail.example>",
  };

  it("a mail becomes the customer's message once (250 after the commit), the same Message-ID again is ignored, and the reply goes out threaded", async () => {
    const smtp = await listen();
    const sent = await smtp.sendMail(mail);
    expect(sent.response).toMatch(/^250 2\.0\.0 Ok \(accepted\)/);
    // The 250 came after the commit: the message is on disk now.
    expect(messages()[0]).toMatchObject({ direction: "in", text: "Where is it?", providerId: "smtp-1@mail.example", subject: "Parcel" });
    expect((await smtp.sendMail(mail)).response).toMatch(/Ok \(duplicate\)/);
    expect(messages().filter((m) => m.direction === "in")).toHaveLength(1);

    await t.engine.dispatch();
    expect(fake.mails()).toMatchObject([{ address: "ann.lee@example.com", inReplyTo: "smtp-1@mail.example", references: ["smtp-1@mail.example"] }]);
    smtp.close();
  });

  it("refuses an oversized mail with 552 and relaying to a foreign domain with 550, writing nothing", async () => {
    const smtp = await listen();
    const big = { ...mail, messageId: "<big@mail.example>", attachments: [{ filename: "big.bin", content: Buffer.alloc(10.5 * 1024 * 1024, 7) }] };
    await expect(smtp.sendMail(big)).rejects.toMatchObject({ responseCode: 552 });
    await expect(smtp.sendMail({ ...mail, to: "someone@elsewhere.test" })).rejects.toMatchObject({ responseCode: 550 });
    expect(messages()).toEqual([]);
    smtp.close();
  });
});
