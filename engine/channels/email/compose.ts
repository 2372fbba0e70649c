/**
 * Small MIME writer for mail as customers' clients and mail servers send it (the fake provider's
 * inbound mail, bounces, test samples). Synchronous, so a fake can build a webhook on the spot.
 */
import { createHash } from "node:crypto";

export type MailAttachment = { filename: string; contentType: string; content: Buffer };

export type MailDraft = {
  from: { address: string; name?: string };
  to: string;
  subject?: string;
  text?: string;
  /** With `text` the mail is multipart/alternative; alone it is an HTML-only mail. */
  html?: string;
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  attachments?: MailAttachment[];
  /** Extra header lines, as written. */
  headers?: Record<string, string>;
  date?: Date;
};

const CRLF = "\r\n";
/** RFC 2047: non-ASCII header text as a UTF-8 encoded word. */
const word = (text: string) => (/^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text, "utf8").toString("base64")}?=`);
const lines76 = (base64: string) => base64.replace(/.{1,76}/g, (l) => `${l}${CRLF}`);
const boundary = (seed: string, kind: string) => `=_${kind}_${createHash("sha256").update(seed).digest("hex").slice(0, 16)}`;

/** One leaf part: headers and a base64 body. */
const leaf = (contentType: string, content: Buffer, disposition?: string) =>
  [
    `Content-Type: ${contentType}`,
    "Content-Transfer-Encoding: base64",
    ...(disposition ? [`Content-Disposition: ${disposition}`] : []),
    "",
    lines76(content.toString("base64")),
  ].join(CRLF);

/** A multipart body of `parts` (each with its own headers). */
export const multipart = (type: string, mark: string, parts: string[]) =>
  [`Content-Type: ${type}; boundary="${mark}"`, "", ...parts.map((p) => `--${mark}${CRLF}${p}`), `--${mark}--`, ""].join(CRLF);

export function composeMail(d: MailDraft): Buffer {
  const messageId = d.messageId ?? `${createHash("sha256").update(JSON.stringify(d)).digest("hex").slice(0, 24)}@mail.example`;
  const text = d.text !== undefined && leaf("text/plain; charset=utf-8", Buffer.from(d.text, "utf8"));
  const html = d.html !== undefined && leaf("text/html; charset=utf-8", Buffer.from(d.html, "utf8"));
  const bodies = [text, html].filter((b): b is string => !!b);
  let body = bodies.length > 1 ? multipart("multipart/alternative", boundary(messageId, "alt"), bodies) : (bodies[0] ?? leaf("text/plain", Buffer.alloc(0)));
  if (d.attachments?.length) {
    const files = d.attachments.map((a) => leaf(`${a.contentType}; name="${a.filename}"`, a.content, `attachment; filename="${a.filename}"`));
    body = multipart("multipart/mixed", boundary(messageId, "mix"), [body, ...files]);
  }
  const head = [
    `From: ${d.from.name ? `"${word(d.from.name)}" ` : ""}<${d.from.address}>`,
    `To: ${d.to}`,
    `Subject: ${word(d.subject ?? "")}`,
    `Date: ${(d.date ?? new Date()).toUTCString()}`,
    `Message-ID: <${messageId}>`,
    ...(d.inReplyTo ? [`In-Reply-To: <${d.inReplyTo}>`] : []),
    ...(d.references?.length ? [`References: ${d.references.map((r) => `<${r}>`).join(" ")}`] : []),
    ...Object.entries(d.headers ?? {}).map(([name, value]) => `${name}: ${value}`),
    "MIME-Version: 1.0",
  ];
  return Buffer.from(`${head.join(CRLF)}${CRLF}${body}`, "utf8");
}

/**
 * A delivery status notification (RFC 3464) as a receiving MTA sends it about one of our mails:
 * `failed` with the server's diagnostic, or `delivered` (when the sender asked for NOTIFY=SUCCESS).
 */
export function composeBounce(d: { to: string; originalMessageId: string; recipient: string; action: "failed" | "delivered"; diagnostic?: string }): Buffer {
  const mark = boundary(d.originalMessageId, "report");
  const failed = d.action === "failed";
  const parts = [
    ["Content-Type: text/plain; charset=us-ascii", "", failed ? "Your message could not be delivered." : "Your message was delivered."].join(CRLF),
    [
      "Content-Type: message/delivery-status",
      "",
      "Reporting-MTA: dns; mx.mail.example",
      "",
      `Final-Recipient: rfc822; ${d.recipient}`,
      `Action: ${d.action}`,
      `Status: ${failed ? "5.1.1" : "2.0.0"}`,
      ...(d.diagnostic ? [`Diagnostic-Code: smtp; ${d.diagnostic}`] : []),
    ].join(CRLF),
    ["Content-Type: text/rfc822-headers", "", `To: ${d.recipient}`, `Message-ID: <${d.originalMessageId}>`, "Subject: (returned headers)"].join(CRLF),
  ];
  const head = [
    "From: Mail Delivery System <mailer-daemon@mx.mail.example>",
    `To: ${d.to}`,
    `Subject: ${failed ? "Undelivered Mail Returned to Sender" : "Successful Mail Delivery Report"}`,
    `Message-ID: <dsn-${d.originalMessageId}>`,
    "Auto-Submitted: auto-replied",
    "MIME-Version: 1.0",
  ];
  const report = multipart("multipart/report; report-type=delivery-status", mark, parts);
  return Buffer.from(`${head.join(CRLF)}${CRLF}${report}`, "utf8");
}
