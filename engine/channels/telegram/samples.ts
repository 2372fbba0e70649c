/** Telegram webhook requests as Telegram posts them (and as it must not), for the adapter's tests and the engine's. */
import type { RawRequest } from "../channel";
import { CALLBACK_DATA_BYTES, cutToBytes } from "./bot-api";
import { signedUpdate } from "./fake";

/** The token format the Bot API docs show (https://core.telegram.org/bots/api#authorizing-your-bot) and a setWebhook secret. */
export const sampleSettings = { botToken: "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11", webhookSecret: "omniflow_webhook-secret-1" };
export const WEBHOOK_URL = "https://omniflow.example/api/channels/telegram/inbound";

const post = (update: unknown, headers: Record<string, string> = {}): RawRequest => {
  const request = signedUpdate(sampleSettings.webhookSecret, update, WEBHOOK_URL);
  return { ...request, headers: { ...request.headers, ...headers } };
};

const ann = { id: 1111111, is_bot: false, first_name: "Ann", last_name: "Lee", username: "annlee" };
const annChat = { id: 1111111, first_name: "Ann", last_name: "Lee", username: "annlee", type: "private" };
const message = (update_id: number, content: Record<string, unknown>) => ({
  update_id,
  message: { message_id: update_id - 10_000, from: ann, chat: annChat, date: 1_764_000_000, ...content },
});
/** A Cyrillic label of 40 characters (the longest a flow allows) is 80 bytes: its callback_data is cut to 64. */
export const LONG_LABEL = "Перезвоните мне завтра утром, пожалуйста";
const LONG_DATA = cutToBytes(LONG_LABEL, CALLBACK_DATA_BYTES);
const keyboard = { inline_keyboard: [[{ text: "Yes, please", callback_data: "Yes, please" }], [{ text: LONG_LABEL, callback_data: LONG_DATA }]] };
const botMessage = { message_id: 7, from: { id: 123456, is_bot: true, first_name: "Omniflow" }, chat: annChat, date: 1_764_000_000, text: "Call you back?" };

export const samples = {
  text: post(message(10_001, { text: "What are your hours?" })),
  /** Telegram retrying the same update (our answer did not reach it): the same update_id. */
  duplicate: post(message(10_001, { text: "What are your hours?" })),
  /** A t.me/<bot>?start=<token> link opened: the client sends "/start <token>". */
  startToken: post(message(10_002, { text: "/start inst-8f3k2-2", entities: [{ offset: 0, length: 6, type: "bot_command" }] })),
  /** The "share my number" button: the sender's own card. */
  ownContact: post(message(10_003, { contact: { phone_number: "33612345678", first_name: "Ann", last_name: "Lee", user_id: 1111111 } })),
  /** A card of somebody else, forwarded from the address book. */
  otherContact: post(message(10_004, { contact: { phone_number: "+44 20 7946 0958", first_name: "Bob" } })),
  location: post(message(10_005, { location: { latitude: 48.858093, longitude: 2.294694 } })),
  document: post(message(10_006, { document: { file_id: "BQACAgIAAxk", file_name: "invoice.pdf", mime_type: "application/pdf" }, caption: "my invoice" })),
  photo: post(message(10_007, { photo: [{ file_id: "AgACAgIAAxk", width: 90, height: 51 }], caption: "the damaged box" })),
  group: post({
    update_id: 10_008,
    message: { message_id: 3, from: ann, chat: { id: -1001234567890, type: "supergroup", title: "Support" }, date: 1, text: "hi" },
  }),
  press: post({
    update_id: 10_009,
    callback_query: { id: "4382bfdwdsb323b2d9", from: ann, message: { ...botMessage, reply_markup: keyboard }, data: "Yes, please" },
  }),
  /** The long label's button: its data is cut, the keyboard Telegram echoes gives the whole label. */
  longPress: post({
    update_id: 10_010,
    callback_query: { id: "4382bfdwdsb323b2e0", from: ann, message: { ...botMessage, reply_markup: keyboard }, data: LONG_DATA },
  }),
  edited: post({ update_id: 10_011, edited_message: { message_id: 1, from: ann, chat: annChat, date: 1, edit_date: 2, text: "fixed typo" } }),
  memberJoined: post({ update_id: 10_012, message: { message_id: 4, from: ann, chat: { id: -100, type: "group" }, date: 1, new_chat_members: [ann] } }),
  /** A game button: a callback query without data (answered, no message). */
  gamePress: post({ update_id: 10_013, callback_query: { id: "4382bfdwdsb323b2e1", from: ann, chat_instance: "-1", game_short_name: "snake" } }),
} satisfies Record<string, RawRequest>;

/**
 * The example updates Telegram publishes for testing a webhook, byte for byte as the `curl -d`
 * bodies of "Testing your bot with updates" (https://core.telegram.org/bots/webhooks#testing-your-bot-with-updates).
 */
export const publishedUpdates = {
  text: post(`{
"update_id":10000,
"message":{
  "date":1441645532,
  "chat":{
     "last_name":"Test Lastname",
     "id":1111111,
     "type": "private",
     "first_name":"Test Firstname",
     "username":"Testusername"
  },
  "message_id":1365,
  "from":{
     "last_name":"Test Lastname",
     "id":1111111,
     "first_name":"Test Firstname",
     "username":"Testusername"
  },
  "text":"/start"
}
}`),
  document: post(`{
"update_id":10000,
"message":{
  "date":1441645532,
  "chat":{
     "last_name":"Test Lastname",
     "type": "private",
     "id":1111111,
     "first_name":"Test Firstname",
     "username":"Testusername"
  },
  "message_id":1365,
  "from":{
     "last_name":"Test Lastname",
     "id":1111111,
     "first_name":"Test Firstname",
     "username":"Testusername"
  },
  "document": {
      "file_id": "AwADBAADbXXXXXXXXXXXGBdhD2l6_XX",
      "file_name": "Testfile.pdf",
      "mime_type": "application/pdf",
      "file_size": 536392
  }
}
}`),
  callbackQuery: post(`{
"update_id":10000,
"callback_query":{
  "id": "4382bfdwdsb323b2d9",
  "from":{
     "last_name":"Test Lastname",
     "type": "private",
     "id":1111111,
     "first_name":"Test Firstname",
     "username":"Testusername"
  },
  "data": "Data from button callback",
  "inline_message_id": "1234csdbsk4839"
}
}`),
  editedMessage: post(`{
"update_id":10000,
"edited_message":{
  "date":1441645532,
  "chat":{
     "last_name":"Test Lastname",
     "type": "private",
     "id":1111111,
     "first_name":"Test Firstname",
     "username":"Testusername"
  },
  "message_id":1365,
  "from":{
     "last_name":"Test Lastname",
     "id":1111111,
     "first_name":"Test Firstname",
     "username":"Testusername"
  },
  "text":"Edited text",
  "edit_date": 1441646600
}
}`),
  inlineQuery: post(`{
"update_id":10000,
"inline_query":{
  "id": 134567890097,
  "from":{
     "last_name":"Test Lastname",
     "type": "private",
     "id":1111111,
     "first_name":"Test Firstname",
     "username":"Testusername"
  },
  "query": "inline query",
  "offset": ""
}
}`),
} satisfies Record<string, RawRequest>;

/** Requests without this bot's secret token: refused by `verify` with the code. */
export const unverifiedSamples = {
  noSecret: { request: post(message(10_020, { text: "hi" }), { "x-telegram-bot-api-secret-token": "" }), code: "missing_secret_token" },
  wrongSecret: {
    request: post(message(10_021, { text: "hi" }), { "x-telegram-bot-api-secret-token": "omniflow_webhook-secret-2" }),
    code: "invalid_secret_token",
  },
  otherCase: {
    request: post(message(10_022, { text: "hi" }), { "x-telegram-bot-api-secret-token": "OMNIFLOW_WEBHOOK-SECRET-1" }),
    code: "invalid_secret_token",
  },
  prefixOnly: { request: post(message(10_023, { text: "hi" }), { "x-telegram-bot-api-secret-token": "omniflow_webhook" }), code: "invalid_secret_token" },
} satisfies Record<string, { request: RawRequest; code: string }>;

/** Requests Telegram would never send, with the fields (zod) or the code (before the payload) they are refused with. */
export const badSamples = {
  noUpdateId: { request: post({ message: { message_id: 1, chat: annChat, date: 1, text: "hi" } }), fields: ["update_id"] },
  chatIdNotANumber: { request: post(message(10_030, { chat: { id: "1111111" }, text: "hi" })), fields: ["message.chat.id"] },
  textTooLong: { request: post(message(10_031, { text: "x".repeat(4097) })), fields: ["message.text"] },
  pressWithoutSender: { request: post({ update_id: 10_032, callback_query: { id: "q-1", data: "Yes" } }), fields: ["callback_query.from"] },
  latitudeOffTheGlobe: { request: post(message(10_033, { location: { latitude: 91, longitude: 2 } })), fields: ["message.location.latitude"] },
  notAnObject: { request: post("[1, 2]"), fields: [""] },
  malformedJson: { request: post('{"update_id": 1, '), code: "invalid_json", status: 400 },
  wrongMediaType: { request: post("{}", { "content-type": "text/plain" }), code: "unsupported_media_type", status: 415 },
  get: { request: { ...post("{}"), method: "GET", body: Buffer.alloc(0) }, code: "method_not_allowed", status: 405 },
} satisfies Record<string, { request: RawRequest; fields?: string[]; code?: string; status?: number }>;
