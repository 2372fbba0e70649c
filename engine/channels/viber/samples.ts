/**
 * Viber callbacks as Viber posts them (and as it must not), for the adapter's tests and the engine's.
 * Bodies follow the REST bot API docs' examples (https://developers.viber.com/docs/api/rest-bot-api/#callbacks),
 * message tokens as the 64-bit numbers Viber writes.
 */
import type { RawRequest } from "../channel";
import type { ViberSettings } from "./adapter";
import { signedCallback } from "./fake";

export const WEBHOOK_URL = "https://omniflow.example/api/channels/viber/inbound";

/**
 * Viber's published signature example: the official Python SDK's test
 * (github.com/Viber/viber-bot-python, tests/api/test_api.py, test_verify_signature and
 * test_verify_signature_failure), reproduced byte for byte.
 */
export const publishedVector = {
  authToken: "44dafb7e0f40021e-61a47a1e6778d187-f2c5a676a07050b3",
  body: '{"event":"webhook","timestamp":4977069964384421269,"message_token":1478683725125}',
  signature: "d21b343448c8aee33b8e93768ef6ceb64a6ba6163099973a2b8bd028fea510ef",
  failure: { body: '{"event":"webhook"}', signature: "aaaaaaaaaaaaaaaaaaaaaa" },
};

/**
 * The official Python SDK's tests/api/test_data/unicode_request, byte for byte: a message whose
 * token (4912661846655238145) a double cannot hold.
 */
export const sdkUnicodeRequest = `{
   "event": "message",
   "timestamp": 1457764197627,
   "message_token": 4912661846655238145,
   "sender": {
       "id": "01234567890A=",
       "name": "ふで都急ぼちラり面関ごル期販ずラ否裁ぞるめ数努むや正記味てょ",
       "avatar": "http://avatar_url",
       "api_version": 2
   },
   "message": {
       "type": "text",
       "text": "批封廟根縄華勢田郎報株聞。変宝長独部鉱内出殺反提似惑金参勧車査真測。見名基現画府日室事集百藤米。発目本当党考万名東拓学早職表治月佐。町要静子呉遊推写間確長無読死覧件一盛治融。",
       "tracking_data": "אל תעקוב אחרי!"
   },
   "silent": false
}`;

export const sampleSettings = { authToken: publishedVector.authToken, senderName: "Omniflow" } satisfies Partial<ViberSettings>;

/** `body` (text as given, or serialised) signed as Viber signs it; `headers` override. */
export function viberRequest(body: unknown, headers: Record<string, string> = {}): RawRequest {
  const signed = signedCallback(sampleSettings.authToken, typeof body === "string" ? body : JSON.stringify(body), WEBHOOK_URL);
  return { ...signed, headers: { ...signed.headers, ...headers } };
}

const SENDER = '{"id":"01234567890A=","name":"John McClane","avatar":"http://avatar.example.com","country":"UK","language":"en","api_version":1}';
/** A `message` callback as in the docs, with `message` as its message object (JSON text). */
const message = (messageJson: string, token = "4912661846655238145") =>
  viberRequest(`{"event":"message","timestamp":1457764197627,"chat_hostname":"SN-376_","message_token":${token},"sender":${SENDER},"message":${messageJson}}`);
/** A delivery-status callback for our message 5741311803571721087. */
const status = (event: string, extra = "") =>
  viberRequest(
    `{"event":"${event}","timestamp":1457764197627,"chat_hostname":"SN-376_","message_token":5741311803571721087,"user_id":"01234567890A="${extra}}`,
  );

export const samples = {
  /** The set-up check Viber sends when the webhook is set (the published vector). */
  webhook: { ...viberRequest(publishedVector.body), headers: { "content-type": "application/json", "x-viber-content-signature": publishedVector.signature } },
  message: message('{"type":"text","text":"a message to the service","tracking_data":"tracking data"}'),
  /** Viber repeating the callback it got no 200 for: the same token. */
  repeated: message('{"type":"text","text":"a message to the service","tracking_data":"tracking data"}'),
  unicode: viberRequest(sdkUnicodeRequest),
  /** A press of a reply button: its ActionBody, as text. */
  buttonPress: message('{"type":"text","text":"Yes, it was me"}', "4912661846655238147"),
  picture: message('{"type":"picture","text":"my receipt","media":"https://media.viber.example/receipt.jpg","file_name":"receipt.jpg"}', "4912661846655238149"),
  contact: message('{"type":"contact","contact":{"name":"Itzik","phone_number":"+972511123123","avatar":"http://avatar_url"}}', "4912661846655238151"),
  location: message('{"type":"location","location":{"lat":50.76891,"lon":6.11499}}', "4912661846655238153"),
  sticker: message('{"type":"sticker","sticker_id":46105,"media":"https://media.viber.example/sticker.png"}', "4912661846655238155"),
  delivered: status("delivered"),
  seen: status("seen"),
  failed: status("failed", ',"desc":"failure description"'),
  subscribed: viberRequest(`{"event":"subscribed","timestamp":1457764197627,"chat_hostname":"SN-376_","user":${SENDER},"message_token":4912661846655238145}`),
  unsubscribed: viberRequest(
    '{"event":"unsubscribed","timestamp":1457764197627,"chat_hostname":"SN-376_","user_id":"01234567890A=","message_token":4912661846655238145}',
  ),
  conversationStarted: viberRequest(
    `{"event":"conversation_started","timestamp":1457764197627,"chat_hostname":"SN-376_","message_token":4912661846655238145,` +
      `"type":"open","context":"context information","user":${SENDER},"subscribed":false}`,
  ),
} satisfies Record<string, RawRequest>;

/** Callbacks not signed by this bot's token, refused by `verify` with `code`. */
export const unverifiedSamples = {
  unsigned: { request: viberRequest('{"event":"webhook"}', { "x-viber-content-signature": "" }), code: "missing_signature" },
  /** The SDK's failure vector. */
  badSignature: {
    request: viberRequest(publishedVector.failure.body, { "x-viber-content-signature": publishedVector.failure.signature }),
    code: "invalid_signature",
  },
  tampered: {
    request: { ...samples.message, body: Buffer.from(samples.message.body.toString("utf8").replace("a message", "A message")) },
    code: "invalid_signature",
  },
  anotherBot: { request: signedCallback("another-bot-token", samples.message.body.toString("utf8"), WEBHOOK_URL), code: "invalid_signature" },
} satisfies Record<string, { request: RawRequest; code: string }>;

/** Callbacks Viber would never send (signed all the same), with the fields (zod) or the code (before the payload) they are refused with. */
export const badSamples = {
  noEvent: { request: viberRequest({ timestamp: 1 }), fields: ["event"] },
  noSender: { request: viberRequest({ event: "message", message_token: 1, message: { type: "text", text: "hi" } }), fields: ["sender"] },
  emptyText: { request: message('{"type":"text","text":"  "}'), fields: ["message.text"] },
  tooLong: { request: message(JSON.stringify({ type: "text", text: "x".repeat(7001) })), fields: ["message.text"] },
  tokenNotNumber: { request: viberRequest({ event: "seen", message_token: "abc", user_id: "x" }), fields: ["message_token"] },
  notAnObject: { request: viberRequest("[1, 2]"), fields: [""] },
  malformedJson: { request: viberRequest('{"event": "message", '), code: "invalid_json", status: 400 },
  wrongMediaType: { request: viberRequest("{}", { "content-type": "text/plain" }), code: "unsupported_media_type", status: 415 },
  get: { request: { method: "GET", url: WEBHOOK_URL, headers: {}, body: Buffer.alloc(0) }, code: "method_not_allowed", status: 405 },
} satisfies Record<string, { request: RawRequest; fields?: string[]; code?: string; status?: number }>;
