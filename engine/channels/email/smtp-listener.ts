/**
 * The inbound SMTP listener: takes mail for our domains/addresses (as an MX, no AUTH) and hands each
 * one to the engine as the signed inbound webhook request, so it goes the webhook's way (verify,
 * parse, dedup by Message-ID, commit). The 250 is given only once that commit is done: an
 * acknowledged mail is never lost; a failure answers 451 and the sending server tries again.
 */
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerDataStream } from "smtp-server";
import type { RawRequest } from "../channel";
import { addressing, type EmailSettings, MAX_MAIL_BYTES } from "./settings";
import { inboundRequest } from "./webhook";

/** What the engine answers a channel request (engine.receiveRequest's reply, structurally). */
export type MailReceiver = (request: RawRequest) => Promise<{ kind: string; status?: number; body?: Record<string, unknown> }>;

export type SmtpListener = { port: number; close(): Promise<void> };

type SmtpError = Error & { responseCode: number };
const smtpError = (responseCode: number, message: string): SmtpError => Object.assign(new Error(message), { responseCode });

/** Where the engine is told the mail came from (the URL only labels the request; nothing is fetched). */
const LISTENER_URL = "smtp://listener/api/channels/email/inbound";

export async function startSmtpListener(options: {
  settings: EmailSettings;
  receive: MailReceiver;
  /** Defaults to the settings' listenPort (0: any free port). */
  port?: number;
  maxBytes?: number;
}): Promise<SmtpListener> {
  const { settings, receive, maxBytes = MAX_MAIL_BYTES } = options;
  const { isOurs } = addressing(settings);
  const server = new SMTPServer({
    name: addressing(settings).messageIdDomain,
    size: maxBytes,
    authOptional: true,
    disabledCommands: ["AUTH"],
    disableReverseLookup: true,
    // An MX session sends many mails; the per-session command cap is for clients that must log in.
    maxAllowedUnauthenticatedCommands: false,
    maxRecipients: 50,
    maxClients: 200,
    socketTimeout: 60_000,
    closeTimeout: 5_000,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (isOurs(address.address)) return callback();
      callback(smtpError(550, `5.7.1 Relaying denied: we take mail only for our own addresses, not ${address.address}`));
    },
    onData(stream, session, callback) {
      const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
      readMail(stream, maxBytes).then(
        (raw) => {
          if (!raw) return callback(smtpError(552, `5.3.4 Message too big: at most ${maxBytes} bytes`));
          deliver(raw, recipients).then(
            (outcome) => callback(null, `2.0.0 Ok (${outcome})`),
            (error: SmtpError) => callback(error),
          );
        },
        (error: Error) => callback(smtpError(451, `4.3.0 ${error.message}`)),
      );
    },
  });

  /** Resolves once committed; a refusal (4xx from the engine) is permanent, anything else temporary. */
  async function deliver(raw: Buffer, recipients: string[]): Promise<string> {
    let reply: Awaited<ReturnType<MailReceiver>>;
    try {
      reply = await receive(inboundRequest(settings.webhookSecret, LISTENER_URL, raw, recipients));
    } catch (error) {
      const e = error as Error;
      // A mail we cannot read (no sender address, ...) is never going to be readable: refuse it for good.
      if (e.name === "ZodError") throw smtpError(554, `5.6.0 Unreadable message: ${e.message.slice(0, 200).replace(/\s+/g, " ")}`);
      throw smtpError(451, "4.3.0 Temporarily unable to take the message; try again later");
    }
    const status = reply.status ?? 200;
    if (status < 300) return String(reply.body?.status ?? "");
    if (status < 500 && status !== 408 && status !== 429) throw smtpError(554, `5.6.0 Refused: ${String(reply.body?.message ?? status)}`);
    throw smtpError(451, "4.3.0 Temporarily unable to take the message; try again later");
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? settings.listenPort ?? 0, settings.listenHost, () => resolve());
  });
  server.on("error", (error) => console.error("smtp listener", error));
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The whole message, or null past `maxBytes` (read to its end and dropped, as SMTP requires before answering). */
function readMail(stream: SMTPServerDataStream, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    stream.on("end", () => resolve(stream.sizeExceeded || size > maxBytes ? null : Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}
