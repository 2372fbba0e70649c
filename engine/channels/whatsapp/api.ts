/**
 * The WhatsApp Cloud API as Meta documents it, shared by the adapter and its fake: the webhook we
 * read (messages and statuses under `entry[].changes[].value`), the messages we post to
 * `/{version}/{phone-number-id}/messages` with the provider's own limits, its error JSON, and the
 * `X-Hub-Signature-256` header.
 * https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/components
 * https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import * as z from "zod";

/** What WhatsApp shows: at most 3 reply buttons (20-character titles), or a list of at most 10 rows (24-character titles). */
export const LIMITS = { buttons: 3, buttonTitle: 20, rows: 10, rowTitle: 24, listButton: 20, replyId: 256, text: 4096, interactiveBody: 1024 } as const;

/** Meta's code for a free-form message outside the 24-hour customer-care window: only a template may go. */
export const REENGAGEMENT = 131047;

// ---------------------------------------------------------------------------------------------
// Signatures

/** `sha256=` + the hex HMAC-SHA256 of the raw body under the app secret, as Meta signs every webhook POST. */
export const hubSignature = (appSecret: string, body: Buffer | string) => `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`;

/** Whether `header` is the body's signature, compared in constant time. */
export function signatureMatches(appSecret: string, body: Buffer, header: string): boolean {
  const expected = Buffer.from(hubSignature(appSecret, body));
  const given = Buffer.from(header.trim().toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// ---------------------------------------------------------------------------------------------
// The webhook (inbound). Meta adds fields over time: unknown keys are dropped, not refused.

/** A WhatsApp id: the phone number's digits, without "+" (E.164 has at most 15). */
export const waIdSchema = z.string().regex(/^\d{6,15}$/, "must be the phone number's 6 to 15 digits");
const unixSeconds = z.string().regex(/^\d{1,12}$/, "must be Unix seconds");
const reply = z.object({ id: z.string().max(LIMITS.replyId), title: z.string().trim().min(1, "must not be empty").max(256) });
const media = z.object({ caption: z.string().max(LIMITS.text).optional() }).optional();

const webhookMessage = z
  .object({
    from: waIdSchema,
    id: z.string().min(1, "required").max(256),
    timestamp: unixSeconds,
    type: z.string().min(1).max(64),
    text: z.object({ body: z.string().max(65_536) }).optional(),
    interactive: z.object({ type: z.string().max(64), button_reply: reply.optional(), list_reply: reply.optional() }).optional(),
    /** A quick-reply button of a template message. */
    button: z.object({ text: z.string().trim().min(1, "must not be empty").max(256), payload: z.string().max(4096).optional() }).optional(),
    image: media,
    video: media,
    document: media,
  })
  .superRefine((m, ctx) => {
    const required = (path: string[]) => ctx.addIssue({ code: "custom", path, message: `required for a ${m.type} message` });
    if (m.type === "text" && !m.text) required(["text"]);
    if (m.type === "button" && !m.button) required(["button"]);
    if (m.type === "interactive") {
      if (!m.interactive) required(["interactive"]);
      else if (m.interactive.type === "button_reply" && !m.interactive.button_reply) required(["interactive", "button_reply"]);
      else if (m.interactive.type === "list_reply" && !m.interactive.list_reply) required(["interactive", "list_reply"]);
    }
  });
export type WebhookMessage = z.infer<typeof webhookMessage>;

const webhookError = z.object({
  code: z.number().int(),
  title: z.string().max(512).optional(),
  message: z.string().max(1024).optional(),
  error_data: z.object({ details: z.string().max(2048).optional() }).optional(),
});

const webhookStatus = z.object({
  id: z.string().min(1, "required").max(256),
  /** sent, delivered, read, failed; Meta also reports others (deleted, warning) that we pass over. */
  status: z.string().min(1).max(32),
  timestamp: unixSeconds,
  recipient_id: z.string().max(64).optional(),
  errors: z.array(webhookError).max(20).optional(),
});
export type WebhookStatus = z.infer<typeof webhookStatus>;

const change = z.object({
  field: z.string().max(64),
  value: z.object({
    messaging_product: z.string().max(32).optional(),
    metadata: z.object({ display_phone_number: z.string().max(32).optional(), phone_number_id: z.string().max(64) }).optional(),
    contacts: z
      .array(z.object({ wa_id: z.string().max(32), profile: z.object({ name: z.string().max(256).optional() }).optional() }))
      .max(1000)
      .optional(),
    messages: z.array(webhookMessage).max(1000).optional(),
    statuses: z.array(webhookStatus).max(1000).optional(),
  }),
});

export const webhookSchema = z.object({
  object: z.literal("whatsapp_business_account", "must be whatsapp_business_account"),
  entry: z.array(z.object({ id: z.string().max(64), changes: z.array(change).max(100) })).max(100),
});
export type Webhook = z.infer<typeof webhookSchema>;
export type WebhookValue = Webhook["entry"][number]["changes"][number]["value"];

// ---------------------------------------------------------------------------------------------
// Messages we post (outbound), with the limits the Cloud API enforces.

const nonEmpty = (max: number) => z.string().min(1, "required").max(max, `at most ${max} characters`);
const unique = (ids: string[]) => new Set(ids).size === ids.length;

const replyButton = z.object({ type: z.literal("reply"), reply: z.object({ id: nonEmpty(LIMITS.replyId), title: nonEmpty(LIMITS.buttonTitle) }) });
const listRow = z.object({ id: nonEmpty(200), title: nonEmpty(LIMITS.rowTitle), description: nonEmpty(72).optional() });

const interactive = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("button"),
    body: z.object({ text: nonEmpty(LIMITS.interactiveBody) }),
    action: z.object({
      buttons: z
        .array(replyButton)
        .min(1)
        .max(LIMITS.buttons)
        .refine((b) => unique(b.map((x) => x.reply.id)), "button ids must be unique"),
    }),
  }),
  z.object({
    type: z.literal("list"),
    body: z.object({ text: nonEmpty(LIMITS.interactiveBody) }),
    action: z.object({
      button: nonEmpty(LIMITS.listButton),
      sections: z
        .array(z.object({ title: nonEmpty(24).optional(), rows: z.array(listRow).min(1).max(LIMITS.rows) }))
        .min(1)
        .max(10)
        .refine((s) => s.flatMap((x) => x.rows).length <= LIMITS.rows, `at most ${LIMITS.rows} rows in all`)
        .refine((s) => unique(s.flatMap((x) => x.rows.map((r) => r.id))), "row ids must be unique"),
    }),
  }),
]);

const template = z.object({
  name: nonEmpty(512),
  language: z.object({ code: nonEmpty(16) }),
  components: z
    .array(z.object({ type: z.literal("body"), parameters: z.array(z.object({ type: z.literal("text"), text: nonEmpty(LIMITS.interactiveBody) })).max(10) }))
    .max(1)
    .optional(),
});

const envelope = { messaging_product: z.literal("whatsapp"), recipient_type: z.literal("individual").optional(), to: waIdSchema };

/** A message as POSTed to /{version}/{phone-number-id}/messages: text, reply buttons, a list, or a template. */
export const outboundSchema = z.discriminatedUnion("type", [
  z.object({ ...envelope, type: z.literal("text"), text: z.object({ body: nonEmpty(LIMITS.text), preview_url: z.boolean().optional() }) }),
  z.object({ ...envelope, type: z.literal("interactive"), interactive }),
  z.object({ ...envelope, type: z.literal("template"), template }),
]);
export type OutboundPayload = z.infer<typeof outboundSchema>;
export type TemplatePayload = z.infer<typeof template>;

/** The Cloud API's answer to a message it took. */
export const acceptedSchema = z.object({ messages: z.array(z.object({ id: z.string().min(1).max(256) })).min(1) });

/** The Graph API's error body: `{error: {message, type, code, error_subcode?, error_data?: {details}, fbtrace_id}}`. */
export const graphErrorSchema = z.object({
  error: z.object({
    message: z.string().max(2048),
    type: z.string().max(128).optional(),
    code: z.number().int(),
    error_subcode: z.number().int().optional(),
    error_data: z.object({ details: z.string().max(2048).optional() }).optional(),
    fbtrace_id: z.string().max(128).optional(),
  }),
});
export type GraphError = z.infer<typeof graphErrorSchema>["error"];

/** A provider's JSON answer or request body; undefined when it is not JSON (the schema then says what is missing). */
export function parseJson(text: string | null): unknown {
  try {
    return JSON.parse(text ?? "");
  } catch {
    return undefined;
  }
}
