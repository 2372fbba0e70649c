/**
 * Outbound mail over SMTP with nodemailer. SMTP is not HTTP, so `deps.http` cannot carry it: the
 * SMTP host is checked by `deps.admitHost` (the engine's outbound address policy, as for HTTP) and
 * nodemailer connects to exactly the address checked, presenting and verifying the host's name for TLS.
 */
import { createHash } from "node:crypto";
import type { Transporter } from "nodemailer";
import type { ChannelDeps, OutboundMessage, SendReceipt } from "../channel";
import { wordedError } from "../../contracts/errors";
import { isRequestRefused, RequestRefused } from "../../contracts/outbound";
import { addressing, type EmailSettings } from "./settings";

const TIMEOUT_MS = 10_000;
type Transport = Transporter;

/** Our Message-ID for a send: from its idempotency key, so a retry of the same send carries the same id. */
export const messageIdFor = (key: string, domain: string) => `${createHash("sha256").update(key).digest("hex").slice(0, 32)}@${domain}`;

/** "Re: subject", once: a reply to a reply does not stack them. */
export const replySubject = (subject: string) => (/^re:/i.test(subject) ? subject : `Re: ${subject}`);

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** The text as HTML: paragraphs on blank lines, line breaks kept. */
const asHtml = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br>")}</p>`)
    .join("\n");

export function createSender(settings: EmailSettings, deps: Pick<ChannelDeps, "admitHost">) {
  const { messageIdDomain, replyAddress } = addressing(settings);
  // One pooled connection set per checked address; a host that now resolves elsewhere gets a new pool.
  let pool: { address: string; transport: Transport } | null = null;

  async function transport(): Promise<Transport> {
    const address = await deps.admitHost(settings.smtpHost, settings.smtpPort);
    if (pool?.address === address) return pool.transport;
    pool?.transport.close();
    // Imported at the first send: nodemailer is a large share of what a start would otherwise parse.
    const { default: nodemailer } = await import("nodemailer");
    const transport = nodemailer.createTransport({
      pool: true,
      maxConnections: 8,
      host: address,
      port: settings.smtpPort,
      secure: settings.smtpSecure,
      servername: settings.smtpHost,
      tls: { servername: settings.smtpHost },
      name: messageIdDomain,
      auth: settings.smtpUser ? { user: settings.smtpUser, pass: settings.smtpPassword ?? "" } : undefined,
      connectionTimeout: TIMEOUT_MS,
      greetingTimeout: TIMEOUT_MS,
      socketTimeout: TIMEOUT_MS,
    });
    pool = { address, transport };
    return transport;
  }

  return {
    async send(message: OutboundMessage): Promise<SendReceipt> {
      const id = messageIdFor(message.key, messageIdDomain);
      // Only a mail's own ids thread (a conversation begun elsewhere has other channels' ids).
      const answers = message.inReplyTo?.providerMessageId.includes("@") ? message.inReplyTo : undefined;
      const subject = answers?.subject ? replySubject(answers.subject) : settings.subject;
      const token = message.conversationId;
      try {
        await (await transport()).sendMail({
          from: { name: settings.fromName ?? "", address: settings.fromAddress },
          to: message.address,
          replyTo: replyAddress(token),
          subject: settings.tokenInSubject ? `${subject} [#${token}]` : subject,
          text: message.text,
          html: asHtml(message.text),
          messageId: `<${id}>`,
          ...(answers && { inReplyTo: `<${answers.providerMessageId}>`, references: [`<${answers.providerMessageId}>`] }),
        });
      } catch (error) {
        throw refusalOf(error);
      }
      return { providerMessageId: id };
    },
    close: () => pool?.transport.close(),
  };
}

/**
 * What a failed send means: a 5xx answer is the server's final word (a refused recipient, a
 * message it will never take), so the message fails; anything else (4xx, timeouts, a dropped
 * connection) is tried again. The Message-ID repeats on a retry, so a mail that did arrive is recognisable.
 */
function refusalOf(error: unknown): Error {
  if (isRequestRefused(error)) return error;
  const e = error as Error & { responseCode?: number; response?: string };
  const said = e.response ?? e.message;
  if (e.responseCode && e.responseCode >= 500) return wordedError(RequestRefused, "email.smtp-refused", { said });
  return e.responseCode ? wordedError(Error, "email.smtp-answered", { said }) : wordedError(Error, "email.smtp-failed", { problem: e.message });
}
