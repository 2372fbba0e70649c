import * as z from "zod";

const host = z.string().trim().toLowerCase().min(1, "required").max(253);
const port = z.number().int().min(1).max(65_535);

/**
 * E-mail's settings. Outbound mail goes through an SMTP server of the operator's (a relay or the
 * mail provider's submission server); inbound mail arrives at our SMTP listener (as an MX or behind
 * one) or as the JSON inbound webhook. Both are taken only for `recipients`.
 */
export const settingsSchema = z
  .object({
    /** Our address: the From of what we send, and the mailbox replies come back to. */
    fromAddress: z.email().max(254).toLowerCase(),
    fromName: z.string().trim().max(120).optional(),
    /** Domains (`acme.test`) and addresses (`help@acme.test`) inbound mail is taken for; anything else is relaying, refused. */
    recipients: z.array(z.string().trim().toLowerCase().min(3).max(254)).min(1).max(50).optional(),
    /** The right-hand side of the Message-IDs we generate; the from address's domain when absent. */
    messageIdDomain: host.optional(),
    smtpHost: host,
    smtpPort: port.default(587),
    /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
    smtpSecure: z.boolean().default(false),
    smtpUser: z.string().max(254).optional(),
    smtpPassword: z.string().max(1024).optional(),
    /** Signs the inbound webhook (and what the SMTP listener hands the engine). */
    webhookSecret: z.string().min(16, "at least 16 characters").max(256),
    /** The SMTP listener's port; without it mail arrives by webhook only. */
    listenPort: z.number().int().min(0).max(65_535).optional(),
    /** Where the listener listens: loopback unless an MX in front of it needs otherwise. */
    listenHost: z.string().trim().min(1).max(253).default("127.0.0.1"),
    /** The subject of a message that answers none of the customer's (a flow writing first). */
    subject: z.string().trim().min(1).max(200).default("Your message"),
    /** Also put the reply token in the subject ("[#token]"), for mail clients that drop plus-addresses. */
    tokenInSubject: z.boolean().default(false),
  })
  .strict();

export type EmailSettings = z.output<typeof settingsSchema>;

/** Fields sealed in the credentials store and never shown again. */
export const secretSettings = ["smtpPassword", "webhookSecret"] as const;

/** Largest mail taken, over SMTP or inside the webhook's JSON. */
export const MAX_MAIL_BYTES = 10 * 1024 * 1024;

const domainOf = (address: string) => address.slice(address.lastIndexOf("@") + 1);
const mailbox = (address: string) => address.slice(0, address.lastIndexOf("@")).replace(/\+.*$/, "");

/** What the settings mean for addresses: whether we take mail for one, and our reply-to address for a conversation. */
export function addressing(settings: EmailSettings) {
  const accepted = settings.recipients ?? [domainOf(settings.fromAddress)];
  const domains = new Set(accepted.filter((a) => !a.includes("@")));
  const addresses = new Set(accepted.filter((a) => a.includes("@")));
  return {
    messageIdDomain: settings.messageIdDomain ?? domainOf(settings.fromAddress),
    /** Ours: a configured domain, or a configured address with or without a `+tag`. */
    isOurs(address: string): boolean {
      const lower = address.toLowerCase();
      return domains.has(domainOf(lower)) || addresses.has(`${mailbox(lower)}@${domainOf(lower)}`);
    },
    /** `support+<token>@acme.test`: replies to it find the conversation even without threading headers. */
    replyAddress: (token: string) => `${mailbox(settings.fromAddress)}+${token}@${domainOf(settings.fromAddress)}`,
  };
}
