/**
 * The fake mail provider: an SMTP submission server (smtp-server) that takes what we send, as the
 * operator's relay would (AUTH when the settings have a user, refusals by recipient domain), and the
 * customers' mailboxes: `customerWrites` is the signed inbound webhook of a customer's mail, a
 * reply to our last mail to them when there is one (In-Reply-To, to our Reply-To, "Re: …"), as a
 * mail client writes it. E-mail is not an HTTP API: `answer` says so with 501, and the sandbox
 * serves the fake with `listen(2525)` instead (sandboxSettings point there).
 *
 * Recipients at `refused.test` get 550 (a permanent refusal), at `busy.test` 451 (try later).
 */
import type { AddressInfo } from "node:net";
import { type AddressObject, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import type { DeliveryStatus, RawRequest } from "../channel";
import type { FakeCustomer, FakeDelivery, ProviderFake } from "../provider-fake";
import { composeBounce, composeMail } from "./compose";
import { bareId } from "./mime";
import { replySubject } from "./send";
import { type EmailSettings, settingsSchema } from "./settings";
import { inboundRequest } from "./webhook";

/** A mail the fake took, with what threading and the mailbox show. */
export type FakeMail = FakeDelivery & {
  subject: string;
  html: string | null;
  replyTo: string | null;
  inReplyTo: string | null;
  references: string[];
  /** The SMTP user it was submitted as (null without AUTH). */
  user: string | null;
};

export type EmailFake = ProviderFake & {
  statusReport: NonNullable<ProviderFake["statusReport"]>;
  /** Starts the SMTP server on 127.0.0.1 (port 0: any free one). */
  listen(port?: number): Promise<{ port: number }>;
  close(): Promise<void>;
  mails(): FakeMail[];
};

const firstAddress = (h: AddressObject | AddressObject[] | undefined) => (Array.isArray(h) ? h[0] : h)?.value[0]?.address?.toLowerCase() ?? null;
const smtpError = (responseCode: number, message: string) => Object.assign(new Error(message), { responseCode });

export function createFake(settings: unknown): EmailFake {
  const config: EmailSettings = settingsSchema.parse(settings);
  const mails: FakeMail[] = [];
  let written = 0;

  const server = new SMTPServer({
    authOptional: !config.smtpUser,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    disableReverseLookup: true,
    maxAllowedUnauthenticatedCommands: false,
    closeTimeout: 1_000,
    logger: false,
    onAuth(auth, _session, callback) {
      const ok = auth.username === config.smtpUser && auth.password === (config.smtpPassword ?? "");
      callback(ok ? null : smtpError(535, "5.7.8 Authentication credentials invalid"), ok ? { user: auth.username } : undefined);
    },
    onRcptTo(address, _session, callback) {
      const domain = address.address.split("@")[1]?.toLowerCase();
      if (domain === "refused.test") return callback(smtpError(550, `5.1.1 <${address.address}>: Recipient address rejected: User unknown`));
      if (domain === "busy.test") return callback(smtpError(451, "4.7.1 Greylisted, try again later"));
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          mails.push({
            providerMessageId: bareId(mail.messageId ?? ""),
            address: firstAddress(mail.to) ?? "",
            text: mail.text?.trim() ?? "",
            buttons: [],
            at: Date.now(),
            subject: mail.subject ?? "",
            html: typeof mail.html === "string" ? mail.html : null,
            replyTo: firstAddress(mail.replyTo),
            inReplyTo: mail.inReplyTo ? bareId(mail.inReplyTo) : null,
            references: (typeof mail.references === "string" ? [mail.references] : (mail.references ?? [])).map(bareId),
            user: typeof session.user === "string" ? session.user : null,
          });
          callback(null, `2.0.0 Ok: queued as ${mails.length}`);
        },
        (error: Error) => callback(smtpError(451, `4.3.0 ${error.message}`)),
      );
    },
  });

  return {
    channel: "email",
    async answer() {
      return { status: 501, url: "", contentType: "text/plain", text: "e-mail is sent over SMTP, not HTTP: serve the fake with listen()", truncated: false };
    },
    deliveries: () => mails.map(({ providerMessageId, address, text, buttons, at }) => ({ providerMessageId, address, text, buttons, at })),
    mails: () => [...mails],
    customerWrites(customer: FakeCustomer, text: string, webhookUrl: string): RawRequest {
      const last = mails.findLast((m) => m.address === customer.address.toLowerCase());
      const to = last?.replyTo ?? config.fromAddress;
      const raw = composeMail({
        from: { address: customer.address, name: customer.name },
        to,
        subject: last ? replySubject(last.subject) : "Hello",
        text,
        messageId: `customer-${++written}-${Date.now()}@mail.example`,
        ...(last && { inReplyTo: last.providerMessageId, references: [...last.references, last.providerMessageId] }),
      });
      return inboundRequest(config.webhookSecret, webhookUrl, raw, [to]);
    },
    statusReport(providerMessageId: string, status: DeliveryStatus["status"], webhookUrl: string): RawRequest {
      if (status !== "failed" && status !== "delivered") throw new Error(`mail servers report only delivered and failed, not ${status}`);
      const mail = mails.find((m) => m.providerMessageId === providerMessageId);
      const recipient = mail?.address ?? "customer@mail.example";
      const diagnostic = status === "failed" ? `550 5.1.1 <${recipient}>: Recipient address rejected: User unknown` : undefined;
      const raw = composeBounce({ to: config.fromAddress, originalMessageId: providerMessageId, recipient, action: status, diagnostic });
      return inboundRequest(config.webhookSecret, webhookUrl, raw, [config.fromAddress]);
    },
    async listen(port = 0) {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => resolve());
      });
      return { port: (server.server.address() as AddressInfo).port };
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
