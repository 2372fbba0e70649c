/**
 * E-mail: inbound by the signed JSON webhook (webhook.ts) or the SMTP listener (smtp-listener.ts),
 * which hands the engine the same request; MIME read by mailparser (mime.ts); outbound over SMTP
 * (send.ts). Threads by Message-ID, then by the reply token (the conversation id) in the address or subject.
 */
import type { ChannelAdapter, ChannelDeps } from "../channel";
import { jsonBody } from "../json-request";
import { parseMail } from "./mime";
import { createSender } from "./send";
import { addressing, type EmailSettings, settingsSchema } from "./settings";
import { inboundSchema, verifySignature } from "./webhook";

export { secretSettings, settingsSchema } from "./settings";

/**
 * Settings that work against the fake provider (fake.ts) in the sandbox: mail to the customer goes
 * to the fake's SMTP server, which the sandbox starts on 127.0.0.1:2525 (and allows the engine to reach).
 */
export const sandboxSettings = (): Record<string, unknown> => ({
  fromAddress: "support@sandbox.omniflow.test",
  fromName: "Omniflow sandbox",
  smtpHost: "127.0.0.1",
  smtpPort: 2525,
  webhookSecret: "sandbox-email-webhook-secret",
});

export function createAdapter(settings: unknown, deps: ChannelDeps): ChannelAdapter & { close(): void } {
  const config: EmailSettings = settingsSchema.parse(settings);
  const { isOurs } = addressing(config);
  const sender = createSender(config, deps);
  return {
    channel: "email",
    verify: (request) => verifySignature(config.webhookSecret, request),
    async parse(request) {
      const mail = inboundSchema.parse(jsonBody(request));
      return parseMail(Buffer.from(mail.raw, "base64"), { isOurs, fromAddress: config.fromAddress }, mail.recipients);
    },
    send: sender.send,
    close: sender.close,
  };
}
