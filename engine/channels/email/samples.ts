/** Mail as customers' clients and mail servers send it (good and bad), and the webhook requests carrying it. */
import type { RawRequest } from "../channel";
import { composeBounce, composeMail } from "./compose";
import { inboundRequest, SIGNATURE_HEADER, signatureHeader } from "./webhook";

export const settings = {
  fromAddress: "support@acme.test",
  fromName: "Acme Support",
  smtpHost: "127.0.0.1",
  smtpPort: 2525,
  webhookSecret: "whsec-email-test-0123456789",
};
export const URL = "https://omniflow.example/api/channels/email/inbound";

const ann = { address: "Ann.Lee@Example.COM", name: "Ann Lee" };
const to = "support@acme.test";
const date = new Date("2026-12-01T10:00:00Z");

/** Raw MIME messages, one per shape mailparser must read. */
export const mails = {
  plain: composeMail({ from: ann, to, subject: "Order 1042", text: "Where is my parcel?", messageId: "plain-1@mail.example", date }),
  htmlOnly: composeMail({ from: ann, to, subject: "Hi", html: "<p>Hello <b>there</b></p><p>Second line</p>", messageId: "html-1@mail.example", date }),
  withAttachment: composeMail({
    from: ann,
    to,
    subject: "Invoice",
    text: "See the invoice.",
    html: "<p>See the invoice.</p>",
    attachments: [{ filename: "invoice.pdf", contentType: "application/pdf", content: Buffer.from("%PDF-1.4 fake") }],
    messageId: "att-1@mail.example",
    date,
  }),
  /** Written by hand: quoted-printable with a soft line break and an encoded UTF-8 character. */
  quotedPrintable: Buffer.from(
    [
      "From: Ann Lee <ann.lee@example.com>",
      "To: support@acme.test",
      "Subject: QP",
      "Message-ID: <qp-1@mail.example>",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      "Caf=C3=A9 opening hours, please. This line is long enough to be wrapped by=",
      " a soft break.",
      "",
    ].join("\r\n"),
  ),
  utf8Subject: composeMail({
    from: { address: "ivan@example.ru", name: "Иван Петров" },
    to,
    subject: "Где мой заказ?",
    text: "Здравствуйте!",
    messageId: "utf8-1@mail.example",
    date,
  }),
  reply: composeMail({
    from: ann,
    to: "support+0193a1b2c3d4-0000-1122334455667788@acme.test",
    subject: "Re: Your message",
    text: "Thanks, that helps.\n\n> earlier text",
    messageId: "reply-1@mail.example",
    inReplyTo: "ours-2@acme.test",
    references: ["ours-1@acme.test", "ours-2@acme.test"],
    date,
  }),
  tokenInSubject: composeMail({
    from: ann,
    to,
    subject: "Re: Order [#0193a1b2c3d4-0000-1122334455667788]",
    text: "ok",
    messageId: "subj-1@mail.example",
    date,
  }),
  autoReply: composeMail({
    from: ann,
    to,
    subject: "Out of office",
    text: "I am away.",
    headers: { "Auto-Submitted": "auto-replied" },
    messageId: "ooo-1@mail.example",
  }),
  bounce: composeBounce({
    to,
    originalMessageId: "ours-2@acme.test",
    recipient: "ann.lee@example.com",
    action: "failed",
    diagnostic: "550 5.1.1 <ann.lee@example.com>: Recipient address rejected: User unknown",
  }),
  noSender: Buffer.from("To: support@acme.test\r\nSubject: who?\r\nMessage-ID: <anon-1@mail.example>\r\n\r\nhello\r\n"),
  noMessageId: Buffer.from("From: ann.lee@example.com\r\nTo: support@acme.test\r\nSubject: x\r\n\r\nno id here\r\n"),
} satisfies Record<string, Buffer>;

/** The webhook request for `raw`, signed with the samples' secret (now, or at `t`). */
export const webhook = (raw: Buffer, recipients?: string[], t?: number) => inboundRequest(settings.webhookSecret, URL, raw, recipients, t);

const signed = webhook(mails.plain);
/** The request with another body under the same signature. */
const withBody = (request: RawRequest, body: string): RawRequest => ({ ...request, body: Buffer.from(body) });

/** Requests `verify` refuses, with the code it answers. */
export const unverifiedSamples = {
  tampered: { request: withBody(signed, signed.body.toString().replace(/"raw":"./, '"raw":"A')), code: "invalid_signature" },
  missing: { request: { ...signed, headers: { "content-type": "application/json" } }, code: "missing_signature" },
  wrongSecret: { request: inboundRequest("another-secret-0123456789", URL, mails.plain), code: "invalid_signature" },
  stale: { request: webhook(mails.plain, undefined, Math.floor(Date.now() / 1000) - 3600), code: "stale_signature" },
  malformedHeader: { request: { ...signed, headers: { ...signed.headers, [SIGNATURE_HEADER]: "v1=zz" } }, code: "invalid_signature" },
} satisfies Record<string, { request: RawRequest; code: string }>;

/** A body signed as the webhook is, whatever it holds. */
function signedBody(body: unknown): RawRequest {
  const bytes = Buffer.from(JSON.stringify(body));
  return {
    method: "POST",
    url: URL,
    headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signatureHeader(settings.webhookSecret, bytes) },
    body: bytes,
  };
}

/** Signed requests the adapter refuses, with the fields zod names. */
export const badSamples = {
  notBase64: { request: signedBody({ raw: "not base64!" }), fields: ["raw"] },
  missingRaw: { request: signedBody({ recipients: ["support@acme.test"] }), fields: ["raw"] },
  unknownField: { request: signedBody({ raw: "", html: "<p>" }), fields: [""] },
  noSender: { request: webhook(mails.noSender), fields: ["from"] },
} satisfies Record<string, { request: RawRequest; fields: string[] }>;
