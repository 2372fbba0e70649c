import * as z from "zod";
import type { ChannelAdapter, ChannelDeps, DeliveryStatus, InboundMessage } from "../channel";
import { createResource, twilioResource } from "../_twilio/rest";
import { e164Schema, formRequest, sidSchema, TWILIO_API, verifyTwilio } from "../_twilio/wire";
import { BODY_LIMIT, CONSENT_OF_TYPE, consentKeyword, createdMessageSchema, MESSAGE_STATUSES, type MessageStatus, messagesPath } from "./twilio";

const httpUrl = z.url({ protocol: /^https?$/, error: "an http(s) URL" }).max(2000);

export const settingsSchema = z
  .object({
    accountSid: sidSchema("AC"),
    authToken: z.string().min(1, "required").max(128),
    /** The number that sends (E.164), unless a messaging service picks it. */
    from: e164Schema.optional(),
    messagingServiceSid: sidSchema("MG").optional(),
    baseUrl: httpUrl.default(TWILIO_API),
    /**
     * The public URL Twilio calls (the one pasted into the number's settings). Twilio signs the URL
     * it called, and behind a proxy or TLS terminator this server sees another one (http, an inner
     * host, another port), so the Host header cannot be trusted to rebuild it. Without it, the URL
     * the server saw is used, which is right only when Twilio calls this server directly.
     */
    webhookUrl: httpUrl.optional(),
    /** Where Twilio reports delivery statuses; `webhookUrl` (the same inbound URL) when unset. */
    statusCallbackUrl: httpUrl.optional(),
  })
  .strict()
  .refine((s) => s.from || s.messagingServiceSid, { path: ["from"], message: "set from (the E.164 number that sends) or messagingServiceSid" });
export type SmsSettings = z.output<typeof settingsSchema>;

export const secretSettings = ["authToken"] as const;

/** Settings the fake provider (fake.ts) takes: +15005550006 is the number Twilio's test credentials accept as a sender. */
export const sandboxSettings = () => ({ accountSid: `AC${"0".repeat(31)}1`, authToken: "sandbox-auth-token-0001", from: "+15005550006" });

/** An incoming message webhook (Twilio sends many more parameters; these are the ones we read). */
const inboundSchema = z.object({
  MessageSid: sidSchema("SM", "MM"),
  From: e164Schema,
  Body: z.string().max(BODY_LIMIT, `at most ${BODY_LIMIT} characters`),
  ProfileName: z.string().trim().max(120).optional(),
  OptOutType: z.enum(["STOP", "START", "HELP"]).optional(),
});

/** A status callback for a message we sent. */
const statusSchema = z.object({
  MessageSid: sidSchema("SM", "MM"),
  MessageStatus: z.enum(MESSAGE_STATUSES),
  ErrorCode: z
    .string()
    .regex(/^\d{0,6}$/, "a Twilio error code")
    .optional(),
});

/** What each status means for the message; queued, accepted, scheduled and sending say nothing the engine does not know. */
const DELIVERY: Partial<Record<MessageStatus, DeliveryStatus["status"]>> = {
  sent: "sent",
  delivered: "delivered",
  read: "read",
  failed: "failed",
  undelivered: "failed",
  canceled: "failed",
};

/**
 * SMS through Twilio (or any provider speaking its Messages API). Inbound messages and status
 * callbacks arrive form-encoded on the same URL, signed with `X-Twilio-Signature`; Twilio signs no
 * timestamp, so a replay is caught by its MessageSid (intake deduplicates). SMS has no buttons:
 * the engine spells quick replies out.
 */
export function createAdapter(raw: unknown, deps: ChannelDeps): ChannelAdapter {
  const settings = settingsSchema.parse(raw);
  const statusCallback = settings.statusCallbackUrl ?? settings.webhookUrl;
  const resource = twilioResource(settings.baseUrl, messagesPath(settings.accountSid), settings.accountSid, settings.authToken);

  return {
    channel: "sms",
    quickReplies: false,
    verify(request) {
      const urls = [settings.webhookUrl ?? request.url, ...(settings.statusCallbackUrl ? [settings.statusCallbackUrl] : [])];
      return verifyTwilio(settings.authToken, urls, request);
    },
    parse(request) {
      const fields = Object.fromEntries(formRequest(request));
      if (fields.MessageStatus !== undefined && fields.MessageStatus !== "received" && fields.MessageStatus !== "receiving") {
        const s = statusSchema.parse(fields);
        const status = DELIVERY[s.MessageStatus];
        if (!status) return { kind: "events", messages: [], statuses: [] };
        const error = status === "failed" ? `${s.MessageStatus}${s.ErrorCode ? ` (Twilio error ${s.ErrorCode})` : ""}` : null;
        return { kind: "events", messages: [], statuses: [{ channel: "sms", providerMessageId: s.MessageSid, status, error, at: null }] };
      }
      const m = inboundSchema.parse(fields);
      const message: InboundMessage = {
        channel: "sms",
        providerMessageId: m.MessageSid,
        address: m.From,
        name: m.ProfileName || null,
        text: m.Body.trim(),
      };
      // Advanced Opt-Out names the keyword type itself (it knows a messaging service's own keywords).
      const consent = m.OptOutType ? CONSENT_OF_TYPE[m.OptOutType] : consentKeyword(m.Body);
      return { kind: "events", messages: [consent ? { ...message, consent } : message], statuses: [] };
    },
    async send(message) {
      const form = new URLSearchParams({ To: message.address, Body: message.text });
      if (settings.from) form.set("From", settings.from);
      if (settings.messagingServiceSid) form.set("MessagingServiceSid", settings.messagingServiceSid);
      if (statusCallback) form.set("StatusCallback", statusCallback);
      return { providerMessageId: await createResource(deps.http, resource, form, createdMessageSchema) };
    },
  };
}
