/**
 * WhatsApp webhooks as Meta sends them (and as it must not), signed with the fake's signer, for
 * the adapter's tests and the engine's. Shapes follow Meta's payload examples:
 * https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples
 */
import type { RawRequest } from "../channel";
import { sandboxSettings } from "./adapter";
import { signedRequest, verificationRequest, webhookBody } from "./fake";

export const sampleSettings = sandboxSettings();
export const WEBHOOK_URL = "https://omniflow.example.com/api/channels/whatsapp/inbound";
const { appSecret, phoneNumberId, verifyToken } = sampleSettings;

/** A signed POST of `body` (a raw string, or change values for our number). */
export function signed(body: string | Record<string, unknown>[], secret = appSecret): RawRequest {
  return signedRequest(secret, WEBHOOK_URL, typeof body === "string" ? body : webhookBody(phoneNumberId, body));
}

export const CUSTOMER = "16505551234";
const contacts = (name = "Sheena Nelson", waId = CUSTOMER) => [{ profile: { name }, wa_id: waId }];
/** One customer message of `type` with its `content`. */
const message = (id: string, type: string, content: Record<string, unknown>, from = CUSTOMER) => ({ from, id, timestamp: "1733140000", type, ...content });
const context = { from: "15550783881", id: "wamid.ours-1" };
const status = (id: string, s: string, extra: Record<string, unknown> = {}) => ({ id, status: s, timestamp: "1733140100", recipient_id: CUSTOMER, ...extra });
const failure = { code: 131026, title: "Message undeliverable", message: "Message undeliverable", error_data: { details: "Message Undeliverable." } };

export const samples = {
  text: signed([{ contacts: contacts(), messages: [message("wamid.text-1", "text", { text: { body: "Does it come in another color?" } })] }]),
  /** Meta redelivering the same message (same id): parsed again; intake deduplicates. */
  redelivered: signed([{ contacts: contacts(), messages: [message("wamid.text-1", "text", { text: { body: "Does it come in another color?" } })] }]),
  buttonReply: signed([
    {
      contacts: contacts(),
      messages: [message("wamid.button-1", "interactive", { context, interactive: { type: "button_reply", button_reply: { id: "option-2", title: "No" } } })],
    },
  ]),
  listReply: signed([
    {
      contacts: contacts(),
      messages: [
        message("wamid.list-1", "interactive", {
          context,
          interactive: { type: "list_reply", list_reply: { id: "option-4", title: "Track my parcel", description: "Where is it now" } },
        }),
      ],
    },
  ]),
  /** A quick-reply button of a template message. */
  templateButton: signed([{ contacts: contacts(), messages: [message("wamid.tb-1", "button", { context, button: { text: "Talk to us", payload: "talk" } })] }]),
  imageWithCaption: signed([
    {
      contacts: contacts(),
      messages: [message("wamid.image-1", "image", { image: { caption: "My receipt", mime_type: "image/jpeg", id: "1003383421387256" } })],
    },
  ]),
  location: signed([{ contacts: contacts(), messages: [message("wamid.loc-1", "location", { location: { latitude: 38.9, longitude: -77.03 } })] }]),
  /** Not a customer writing: passed over. */
  reaction: signed([{ contacts: contacts(), messages: [message("wamid.re-1", "reaction", { reaction: { message_id: "wamid.ours-1", emoji: "👍" } })] }]),
  /** Two customers' messages in one change, statuses in a second. */
  batch: signed([
    {
      contacts: [...contacts(), ...contacts("Ade", "2348012345678")],
      messages: [message("wamid.batch-1", "text", { text: { body: "hi" } }), message("wamid.batch-2", "text", { text: { body: "hello" } }, "2348012345678")],
    },
    { statuses: [status("wamid.ours-1", "delivered"), status("wamid.ours-2", "read")] },
  ]),
  statuses: signed([
    {
      statuses: [
        status("wamid.ours-1", "sent", { conversation: { id: "c-1", origin: { type: "service" } }, pricing: { billable: true, category: "service" } }),
        status("wamid.ours-1", "delivered"),
        status("wamid.ours-1", "read"),
        status("wamid.ours-2", "failed", { errors: [failure] }),
        status("wamid.ours-3", "deleted"),
      ],
    },
  ]),
  /** A change for another business number of the same app: not this channel's. */
  otherNumber: signed(
    JSON.stringify({
      object: "whatsapp_business_account",
      entry: [
        {
          id: "1",
          changes: [
            {
              field: "messages",
              value: { metadata: { phone_number_id: "999" }, messages: [message("wamid.x-1", "text", { text: { body: "not for you" } })] },
            },
          ],
        },
      ],
    }),
  ),
  verification: verificationRequest(WEBHOOK_URL, verifyToken, "1158201444"),
} satisfies Record<string, RawRequest>;

const textBody = webhookBody(phoneNumberId, [{ messages: [message("wamid.t-9", "text", { text: { body: "hi" } })] }]);

/** Requests that are not Meta's: refused by `verify` with the code. */
export const unverifiedSamples = {
  tampered: { request: { ...signed(textBody), body: Buffer.from(textBody.replace('"hi"', '"ho"')) }, code: "invalid_signature" },
  unsigned: { request: withoutHeader(withoutHeader(signed(textBody), "x-hub-signature-256"), "x-hub-signature"), code: "missing_signature" },
  anotherSecret: { request: signed(textBody, "not-the-app-secret"), code: "invalid_signature" },
  sha1Only: { request: withoutHeader(signed(textBody), "x-hub-signature-256"), code: "missing_signature" },
  truncatedSignature: {
    request: withHeader(signed(textBody), "x-hub-signature-256", signed(textBody).headers["x-hub-signature-256"]?.slice(0, 40)),
    code: "invalid_signature",
  },
  wrongVerifyToken: { request: verificationRequest(WEBHOOK_URL, "guess", "1158201444"), code: "invalid_verify_token" },
  noVerifyToken: {
    request: { ...verificationRequest(WEBHOOK_URL, "x", "1"), url: `${WEBHOOK_URL}?hub.mode=subscribe&hub.challenge=1` },
    code: "invalid_verify_token",
  },
} satisfies Record<string, { request: RawRequest; code: string }>;

const m0 = "entry.0.changes.0.value.messages.0";
/** Signed requests WhatsApp's parse refuses, with the fields (zod) or the code (before the payload) it names. */
export const badSamples = {
  notWhatsApp: { request: signed(JSON.stringify({ object: "page", entry: [] })), fields: ["object"] },
  textWithoutText: { request: signed([{ messages: [message("wamid.b-1", "text", {})] }]), fields: [`${m0}.text`] },
  fromWithPlus: { request: signed([{ messages: [message("wamid.b-2", "text", { text: { body: "hi" } }, "+16505551234")] }]), fields: [`${m0}.from`] },
  replyWithoutReply: {
    request: signed([{ messages: [message("wamid.b-3", "interactive", { interactive: { type: "button_reply" } })] }]),
    fields: [`${m0}.interactive.button_reply`],
  },
  statusWithoutId: { request: signed([{ statuses: [{ status: "read", timestamp: "1733140100" }] }]), fields: ["entry.0.changes.0.value.statuses.0.id"] },
  notAnObject: { request: signed("[1, 2]"), fields: [""] },
  malformedJson: { request: signed('{"object": "whatsapp_business_account", '), code: "invalid_json", status: 400 },
  wrongMediaType: { request: withHeader(signed(textBody), "content-type", "text/plain"), code: "unsupported_media_type", status: 415 },
  put: { request: { ...signed(textBody), method: "PUT" }, code: "method_not_allowed", status: 405 },
  verificationNotSubscribe: {
    request: withQuery(verificationRequest(WEBHOOK_URL, verifyToken, "1"), "hub.mode", "unsubscribe"),
    fields: ["hub.mode"],
  },
  verificationOddChallenge: { request: verificationRequest(WEBHOOK_URL, verifyToken, "<script>alert(1)</script>"), fields: ["hub.challenge"] },
  verificationNoChallenge: { request: withQuery(verificationRequest(WEBHOOK_URL, verifyToken, "1"), "hub.challenge", null), fields: ["hub.challenge"] },
} satisfies Record<string, { request: RawRequest; fields?: string[]; code?: string; status?: number }>;

function withHeader(request: RawRequest, name: string, value: string | undefined): RawRequest {
  return { ...request, headers: { ...request.headers, [name]: value } };
}

function withoutHeader(request: RawRequest, name: string): RawRequest {
  const { [name]: _, ...headers } = request.headers;
  return { ...request, headers };
}

/** The request with one query parameter set (or removed, for null). */
function withQuery(request: RawRequest, name: string, value: string | null): RawRequest {
  const url = new URL(request.url);
  if (value === null) url.searchParams.delete(name);
  else url.searchParams.set(name, value);
  return { ...request, url: url.toString() };
}
