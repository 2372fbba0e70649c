/**
 * WhatsApp through Meta's Cloud API. Meta verifies the webhook once with a GET (hub.mode,
 * hub.verify_token, hub.challenge), then POSTs messages and statuses signed with
 * `X-Hub-Signature-256`. We send with POST /{version}/{phone-number-id}/messages and a bearer token.
 *
 * Outside the 24-hour customer-care window WhatsApp refuses free-form messages (code 131047) and
 * takes only templates. We let the provider say so and then send the re-open template, instead
 * of tracking the window ourselves: the adapter has no durable memory (a window kept in memory is
 * wrong after a restart), and the provider is the one that counts. When Meta reports the refusal
 * later, as a failed status, the message fails with the code in its error.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import * as z from "zod";
import { wordedError } from "../../contracts/errors";
import type { ChannelAdapter, ChannelDeps, DeliveryStatus, InboundMessage, RawRequest } from "../channel";
import { jsonBody } from "../json-request";
import { acceptedSchema, graphErrorSchema, type OutboundPayload, parseJson, REENGAGEMENT, signatureMatches, webhookSchema } from "./api";
import type { WebhookMessage, WebhookStatus, WebhookValue } from "./api";
import { composeMessage, composeTemplate } from "./compose";

const filled = (max: number) => z.string().trim().min(1, "required").max(max, `at most ${max} characters`);

export const settingsSchema = z
  .object({
    /** A system user's access token with whatsapp_business_messaging. */
    accessToken: filled(4096),
    /** The Meta app's secret: it signs every webhook. */
    appSecret: filled(256),
    /** The token typed into the app's webhook settings; Meta's verification GET must carry it. */
    verifyToken: filled(256),
    phoneNumberId: z.string().regex(/^\d{1,32}$/, "must be the phone number id's digits"),
    /** The latest Graph API version (https://developers.facebook.com/docs/graph-api/changelog, July 2026). */
    apiVersion: z
      .string()
      .regex(/^v\d{1,3}\.\d{1,2}$/, "must look like v26.0")
      .default("v26.0"),
    baseUrl: z
      .url({ protocol: /^https?$/ })
      .max(512)
      .default("https://graph.facebook.com"),
    /** Labels the button that opens a list of more than 3 quick replies (WhatsApp allows 20 characters). */
    listButtonLabel: filled(20).default("Choose"),
    /** An approved template sent when the 24-hour window is closed; without one, such a send fails. */
    reopenTemplate: filled(512).optional(),
    reopenTemplateLanguage: z
      .string()
      .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, "must be a template language code such as en_US")
      .default("en_US"),
    /** The template's body has one parameter, {{1}}, which carries the message's text. */
    reopenTemplateTakesText: z.boolean().default(false),
  })
  .strict();
export type WhatsAppSettings = z.infer<typeof settingsSchema>;

export const secretSettings = ["accessToken", "appSecret", "verifyToken"] as const;

/** Settings that work against the fake provider (fake.ts): the sandbox. */
export const sandboxSettings = (): z.input<typeof settingsSchema> => ({
  accessToken: "sandbox-access-token",
  appSecret: "sandbox-app-secret",
  verifyToken: "sandbox-verify-token",
  phoneNumberId: "100000000000001",
  reopenTemplate: "reopen_conversation",
  reopenTemplateTakesText: true,
});

/** A refusal from the Graph API; `code` and `params` word it for people, `graphCode` is Meta's error code when it gave one. */
export class WhatsAppRefusal extends Error {
  override name = "WhatsAppRefusal";
  graphCode: number | null = null;
}

const STATUSES = new Set<string>(["sent", "delivered", "read", "failed"]);
/** Not a customer writing: a reaction to one of our messages, a number change. */
const NOT_MESSAGES = new Set(["reaction", "system"]);
/** Keys whose send succeeded, remembered so a repeated key (at-least-once) is not sent twice. */
const REMEMBERED_KEYS = 1000;

export function createAdapter(settings: unknown, deps: ChannelDeps): ChannelAdapter {
  const s = settingsSchema.parse(settings);
  const endpoint = `${s.baseUrl.replace(/\/+$/, "")}/${s.apiVersion}/${s.phoneNumberId}/messages`;
  const reopen = s.reopenTemplate && { name: s.reopenTemplate, language: s.reopenTemplateLanguage, takesText: s.reopenTemplateTakesText };
  const sentKeys = new Map<string, string>();

  async function post(payload: OutboundPayload): Promise<string> {
    const response = await deps.http({
      url: endpoint,
      method: "POST",
      headers: { authorization: `Bearer ${s.accessToken}`, "content-type": "application/json" },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(10_000),
      maxBodyBytes: 64 * 1024,
    });
    if (response.status < 200 || response.status >= 300) throw refusal(response.status, response.text);
    const accepted = acceptedSchema.safeParse(parseJson(response.text));
    if (!accepted.success) throw wordedError(Error, "whatsapp.no-message-id", { answer: response.text.slice(0, 200) });
    return accepted.data.messages[0].id;
  }

  return {
    channel: "whatsapp",
    quickReplies: true,
    verify(request) {
      if (request.method === "GET") {
        const token = new URL(request.url).searchParams.get("hub.verify_token") ?? "";
        if (sameSecret(token, s.verifyToken)) return { ok: true };
        return { ok: false, code: "invalid_verify_token", reason: "hub.verify_token is not the verify token configured for WhatsApp." };
      }
      const signature = request.headers["x-hub-signature-256"];
      if (!signature) return { ok: false, code: "missing_signature", reason: "Meta signs every webhook: the X-Hub-Signature-256 header is missing." };
      if (signatureMatches(s.appSecret, request.body, signature)) return { ok: true };
      return { ok: false, code: "invalid_signature", reason: "X-Hub-Signature-256 is not the body's signature under the app secret." };
    },
    parse(request) {
      if (request.method === "GET") return { kind: "handshake", answer: handshake(request) };
      const webhook = webhookSchema.parse(jsonBody(request));
      const values = webhook.entry
        .flatMap((e) => e.changes)
        .filter((c) => c.field === "messages" && ours(c.value, s.phoneNumberId))
        .map((c) => c.value);
      return {
        kind: "events",
        messages: values.flatMap((v) => (v.messages ?? []).filter((m) => !NOT_MESSAGES.has(m.type)).map((m) => inbound(m, v))),
        statuses: values.flatMap((v) => (v.statuses ?? []).filter((x) => STATUSES.has(x.status)).map(deliveryStatus)),
      };
    },
    async send(message) {
      const known = sentKeys.get(message.key);
      if (known) return { providerMessageId: known };
      let id: string;
      try {
        id = await post(composeMessage(message, s.listButtonLabel));
      } catch (error) {
        if (!(reopen && error instanceof WhatsAppRefusal && error.graphCode === REENGAGEMENT)) throw error;
        id = await post(composeTemplate(message.address, message.text, reopen));
      }
      sentKeys.set(message.key, id);
      if (sentKeys.size > REMEMBERED_KEYS) sentKeys.delete(sentKeys.keys().next().value as string);
      return { providerMessageId: id };
    },
  };
}

/** Compares secrets in constant time (over digests, so lengths do not leak either). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (v: string) => createHash("sha256").update(v).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

const handshakeSchema = z.object({
  "hub.mode": z.literal("subscribe", "must be subscribe"),
  "hub.challenge": z.string().regex(/^[\w.-]{1,256}$/, "must be the challenge Meta sent (letters, digits, - _ .)"),
});

/** Meta's verification request: the challenge goes back verbatim as text. */
function handshake(request: RawRequest) {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const challenge = handshakeSchema.parse(query)["hub.challenge"];
  return { status: 200, contentType: "text/plain; charset=utf-8", body: challenge };
}

/** An app may serve several business numbers; a change for another number is not this channel's. */
const ours = (value: WebhookValue, phoneNumberId: string) => !value.metadata || value.metadata.phone_number_id === phoneNumberId;

function inbound(m: WebhookMessage, value: WebhookValue): InboundMessage {
  const name = value.contacts?.find((c) => c.wa_id === m.from)?.profile?.name?.trim();
  return { channel: "whatsapp", providerMessageId: m.id, address: `+${m.from}`, name: name || null, text: textOf(m) };
}

/** A button or list reply is the chosen title, as if typed; media count by their caption; anything else by its kind. */
function textOf(m: WebhookMessage): string {
  if (m.type === "text" && m.text) return m.text.body;
  if (m.type === "button" && m.button) return m.button.text;
  const choice = m.type === "interactive" && (m.interactive?.button_reply ?? m.interactive?.list_reply);
  if (choice) return choice.title;
  const caption = (m.type === "image" || m.type === "video" || m.type === "document") && m[m.type]?.caption?.trim();
  return caption || `[${m.type}]`;
}

function deliveryStatus(x: WebhookStatus): DeliveryStatus {
  const error = x.errors?.map((e) => [e.code, e.title ?? e.message, e.error_data?.details].filter(Boolean).join(" ")).join("; ");
  return {
    channel: "whatsapp",
    providerMessageId: x.id,
    status: x.status as DeliveryStatus["status"],
    error: error || null,
    at: Number(x.timestamp) * 1000,
  };
}

/** What the Graph API said, as an error the outbox records (and retries, for a 5xx). */
function refusal(status: number, text: string): WhatsAppRefusal {
  const graph = graphErrorSchema.safeParse(parseJson(text));
  if (!graph.success) {
    return text
      ? wordedError(WhatsAppRefusal, "whatsapp.answered", { status, answer: text.slice(0, 200) })
      : wordedError(WhatsAppRefusal, "whatsapp.answered-empty", { status });
  }
  const { message, code, error_data } = graph.data.error;
  const details = error_data?.details ? ` (${error_data.details})` : "";
  return Object.assign(wordedError(WhatsAppRefusal, "whatsapp.refused", { status, errorCode: code, said: message, details }), { graphCode: code });
}
