/**
 * A received mail (MIME, parsed with mailparser on a worker thread: mime-worker.ts) → a customer message, a delivery status (a bounce),
 * or nothing (an auto-reply, our own mail coming back).
 */
import { createHash } from "node:crypto";
import * as z from "zod";
import type { DeliveryStatus, InboundMessage, InboundThread, ParsedRequest } from "../channel";
import { readMail } from "./mime-worker";
import type { ReadMail } from "./read-mail";

/** Longest customer text kept; a mail cannot be sent again shorter, so the rest is cut rather than refused. */
const MAX_TEXT = 20_000;
const MAX_REFERENCES = 20;
/** Our reply token: a conversation id. */
const TOKEN = /^[A-Za-z0-9-]{8,64}$/;

const senderSchema = z.object({
  from: z.email("must name the sender's address").max(254),
  name: z.string().max(120).nullable(),
});

/** `<abc@host>` → `abc@host`: ids are kept without brackets everywhere. */
export const bareId = (id: string) => id.trim().replace(/^<(.*)>$/, "$1");

/** What mail is for us to read: the addresses we take mail for, and who we are (our own mail is never a customer's). */
export type MailContext = { isOurs(address: string): boolean; fromAddress: string };

export async function parseMail(raw: Buffer, context: MailContext, envelopeRecipients: readonly string[] = []): Promise<ParsedRequest> {
  const mail = await readMail(raw);
  const none: ParsedRequest = { kind: "events", messages: [], statuses: [] };
  const type = mail.contentType;
  if (type?.value === "multipart/report" && type.params["report-type"]?.toLowerCase() === "delivery-status") {
    const status = deliveryStatus(mail, raw);
    return status ? { ...none, statuses: [status] } : none;
  }
  // RFC 3834: automatic answers (vacation notices) are not the customer talking, and answering them loops.
  const auto = mail.autoSubmitted.toLowerCase();
  if (auto !== "no") return none;
  const message = customerMessage(mail, raw, context, envelopeRecipients);
  return message ? { ...none, messages: [message] } : none;
}

function customerMessage(mail: ReadMail, raw: Buffer, context: MailContext, envelopeRecipients: readonly string[]): InboundMessage | null {
  const sender = mail.from.find((a) => a.address);
  const { from, name } = senderSchema.parse({ from: sender?.address ?? "", name: sender?.name?.trim().slice(0, 120) || null });
  const address = from.toLowerCase();
  if (address === context.fromAddress) return null;
  const subject = mail.subject?.trim().slice(0, 200) || null;
  const recipients = [...envelopeRecipients, ...[...mail.to, ...mail.cc].map((a) => a.address).filter(Boolean)];
  return {
    channel: "email",
    // A mail without a Message-ID is known by its bytes: the same mail twice is still one message.
    providerMessageId: mail.messageId ? bareId(mail.messageId) : `sha256:${createHash("sha256").update(raw).digest("hex")}`,
    address,
    name,
    text: bodyText(mail, subject),
    thread: threadOf(mail, subject, recipients, context),
  };
}

/** The text (mailparser converts an HTML-only mail), attachments listed by name (not stored). */
function bodyText(mail: ReadMail, subject: string | null): string {
  const body = (mail.text ?? "").replace(/\r\n/g, "\n").trim();
  const names = mail.attachments.filter((a) => a.disposition === "attachment" || a.filename).map((a) => a.filename ?? "unnamed");
  const listed = names.length ? `${body ? "\n\n" : ""}Attachments: ${names.join(", ")}` : "";
  const text = `${body}${listed}` || subject || "(empty message)";
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}

function threadOf(mail: ReadMail, subject: string | null, recipients: string[], context: MailContext): InboundThread {
  const replyTo = [...new Set([mail.inReplyTo, ...mail.references.toReversed()].filter((id): id is string => !!id).map(bareId))];
  const plus = recipients.filter(context.isOurs).map((a) => /^[^@+]+\+([^@]+)@/.exec(a)?.[1]);
  const inSubject = /\[#([A-Za-z0-9-]+)\]/.exec(subject ?? "")?.[1];
  const token = [...plus, inSubject].find((t): t is string => !!t && TOKEN.test(t)) ?? null;
  return { replyTo: replyTo.slice(0, MAX_REFERENCES), token, subject };
}

/**
 * A delivery status notification (RFC 3464) about a mail of ours: the original's Message-ID from
 * the returned headers, the first recipient's Action. Failed and delivered are reported; a delay is
 * not an outcome yet.
 */
function deliveryStatus(mail: ReadMail, raw: Buffer): DeliveryStatus | null {
  const headers = mail.returnedHeaders ?? raw.toString("latin1");
  const own = mail.messageId ? bareId(mail.messageId) : null;
  const original = [...headers.matchAll(/^message-id:\s*(<[^>\r\n]+>)/gim)].map((m) => bareId(m[1])).find((id) => id !== own);
  const report = `${mail.text ?? ""}\n${raw.toString("latin1")}`;
  const action = /^action:\s*([a-z]+)/im.exec(report)?.[1].toLowerCase();
  if (!original || (action !== "failed" && action !== "delivered")) return null;
  const diagnostic = /^diagnostic-code:\s*(?:[a-z-]+;\s*)?(.+)$/im.exec(report)?.[1].trim();
  const status = /^status:\s*([245]\.\d{1,3}\.\d{1,3})/im.exec(report)?.[1];
  return {
    channel: "email",
    providerMessageId: original,
    status: action,
    error: action === "failed" ? (diagnostic ?? (status ? `status ${status}` : "the mail bounced")).slice(0, 500) : null,
    at: mail.date,
  };
}
