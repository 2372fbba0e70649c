/**
 * VK Callback API requests as VK posts them (and as it must not), for the adapter's tests and the
 * engine's. Shapes follow VK's documentation (https://dev.vk.com/ru/api/callback/getting-started,
 * API 5.199: `object.message`, `client_info`, `event_id`).
 */
import type { RawRequest } from "../channel";
import type { VkSettings } from "./adapter";
import { callbackRequest } from "./fake";

export const WEBHOOK_URL = "https://omniflow.example/api/channels/vk/inbound";

/**
 * VK publishes no signature example: it signs nothing and puts the secret key in the body. These are
 * the settings of the confirmation vectors in SevereCloud/vksdk, callback/callback_test.go
 * (https://github.com/SevereCloud/vksdk/blob/master/callback/callback_test.go).
 */
export const sampleSettings = {
  accessToken: "vk1.a.sample-community-token",
  groupId: 123456,
  secret: "secret_123456",
  confirmation: "confirmation_123456",
} satisfies Partial<VkSettings>;

/** A POST of `body` exactly as given (text) or serialised, as VK sends it. */
export function vkRequest(body: unknown, headers: Record<string, string> = {}): RawRequest {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return { method: "POST", url: WEBHOOK_URL, headers: { "content-type": "application/json", ...headers }, body: Buffer.from(text, "utf8") };
}

/** The vectors from SevereCloud/vksdk's callback_test.go, byte for byte. */
export const publishedVectors = {
  /** "check SecretKey": answered with the confirmation string. */
  confirmation: vkRequest(`{"type": "confirmation", "group_id": 123456, "secret": "secret_123456"}`),
  /** "check SecretKey missing": refused. */
  noSecret: vkRequest(`{"type": "confirmation", "group_id": 123456}`),
  /** "check SecretKey bad" (the server there has secret_654321; here the body has it). */
  badSecret: vkRequest(`{"type": "confirmation", "group_id": 123456, "secret": "secret_654321"}`),
};

/** A message_new event; `message` overrides the message's fields. */
export function messageNew(message: Record<string, unknown>, event: Record<string, unknown> = {}): RawRequest {
  const object = {
    message: {
      date: 1764673200,
      from_id: 612444319,
      id: 512,
      out: 0,
      version: 10001,
      attachments: [],
      conversation_message_id: 2169,
      fwd_messages: [],
      important: false,
      is_hidden: false,
      peer_id: 612444319,
      random_id: 0,
      text: "Здравствуйте! Где мой заказ?",
      ...message,
    },
    client_info: { button_actions: ["text", "vkpay", "open_app", "location", "open_link", "callback"], keyboard: true, inline_keyboard: true, lang_id: 0 },
  };
  return callbackRequest(
    sampleSettings,
    { type: "message_new", event_id: "da1b15e9f6d0c3c8a0c937e048cdd3e2b43794d0", v: "5.199", object, ...event },
    WEBHOOK_URL,
  );
}

const other = (type: string, object: Record<string, unknown>) =>
  callbackRequest(sampleSettings, { type, event_id: `e-${type}`, v: "5.199", object }, WEBHOOK_URL);

export const samples = {
  message: messageNew({}),
  /** VK repeating the event it got no `ok` for: the same event_id. */
  repeated: { ...messageNew({}), headers: { "content-type": "application/json", "x-retry-counter": "1" } },
  /** A press of one of our text buttons: its label (cut short) and our payload with the whole text. */
  buttonPress: messageNew({ text: "Да, это я — подтверждаю операцию по карт…", payload: '{"button":"Да, это я — подтверждаю операцию по карте 4276"}' }),
  /** The community's Start button: VK's own payload, so the text stands. */
  start: messageNew({ text: "Начать", payload: '{"command":"start"}', conversation_message_id: 1 }, { event_id: "e-start" }),
  /** A sticker only: named, so the operator sees something was sent. */
  sticker: messageNew({ text: "", attachments: [{ type: "sticker", sticker: { product_id: 1, sticker_id: 2 } }] }, { event_id: "e-sticker" }),
  /** Without event_id (older API versions): the peer and the message's number in the conversation. */
  noEventId: messageNew({ conversation_message_id: 77 }, { event_id: undefined }),
  /** A chat with the community: the chat is the address. */
  groupChat: messageNew({ peer_id: 2000000066, from_id: 612444319, id: 0 }, { event_id: "e-chat" }),
  /** Our own message echoed back, a callback button, an event Omniflow does not read: acknowledged only. */
  reply: other("message_reply", { id: 513, peer_id: 612444319, from_id: -123456, out: 1, text: "Ваш заказ в пути." }),
  callbackButton: other("message_event", { user_id: 612444319, peer_id: 612444319, event_id: "3159dc190b1f", payload: { a: 1 } }),
  allow: other("message_allow", { user_id: 612444319, key: "promo" }),
  wallPost: other("wall_post_new", { id: 28, owner_id: -123456, text: "Новости" }),
} satisfies Record<string, RawRequest>;

/** Events that are not from this community's Callback server: refused by `verify` with `code`. */
export const unverifiedSamples = {
  noSecret: { request: publishedVectors.noSecret, code: "missing_secret" },
  badSecret: { request: publishedVectors.badSecret, code: "invalid_secret" },
  tampered: { request: callbackRequest({ ...sampleSettings, secret: "secret_12345" }, { type: "message_new" }, WEBHOOK_URL), code: "invalid_secret" },
  otherCommunity: { request: callbackRequest({ ...sampleSettings, groupId: 654321 }, { type: "confirmation" }, WEBHOOK_URL), code: "wrong_community" },
} satisfies Record<string, { request: RawRequest; code: string }>;

/** Requests VK would never send, with the fields (zod) or the code (before the payload) they are refused with. */
export const badSamples = {
  noType: { request: callbackRequest(sampleSettings, { object: {} }, WEBHOOK_URL), fields: ["type"] },
  textNotText: { request: messageNew({ text: 42 }), fields: ["object.message.text"] },
  noPeer: { request: messageNew({ peer_id: undefined }), fields: ["object.message.peer_id"] },
  tooLong: { request: messageNew({ text: "я".repeat(4097) }), fields: ["object.message.text"] },
  oldFormat: { request: callbackRequest(sampleSettings, { type: "message_new", object: { peer_id: 1, text: "hi" } }, WEBHOOK_URL), fields: ["object.message"] },
  notAnObject: { request: vkRequest("[1, 2]"), fields: [""] },
  malformedJson: { request: vkRequest('{"type": "message_new", '), code: "invalid_json", status: 400 },
  form: { request: vkRequest("type=confirmation", { "content-type": "application/x-www-form-urlencoded" }), code: "unsupported_media_type", status: 415 },
  get: { request: { method: "GET", url: WEBHOOK_URL, headers: {}, body: Buffer.alloc(0) }, code: "method_not_allowed", status: 405 },
} satisfies Record<string, { request: RawRequest; fields?: string[]; code?: string; status?: number }>;
