/**
 * The Telegram Bot API shapes the adapter and the fake share (https://core.telegram.org/bots/api):
 * the Update a webhook posts, the methods we call, and their answers. Objects are not strict:
 * Telegram adds fields with every Bot API version, and an unknown field must never turn an update
 * away (it would be retried until Telegram gives up). Unknown keys are dropped, not kept.
 */
import * as z from "zod";

/** The header carrying the `secret_token` given to setWebhook (https://core.telegram.org/bots/api#setwebhook). */
export const SECRET_HEADER = "x-telegram-bot-api-secret-token";
export const DEFAULT_BASE_URL = "https://api.telegram.org";
/** Limits Telegram documents: callback_data 1-64 bytes, message text 1-4096 characters. */
export const CALLBACK_DATA_BYTES = 64;
export const MAX_TEXT = 4096;

/** Chat and user ids have up to 52 significant bits: safe integers in JavaScript. */
const id = z.number().int();
const name = z.string().max(256);

export const userSchema = z.object({ id, is_bot: z.boolean().optional(), first_name: name, last_name: name.optional(), username: name.optional() });
export type TelegramUser = z.infer<typeof userSchema>;

/** `type` is left out of some of Telegram's own example updates, so it is optional here. */
const chatSchema = z.object({ id, type: z.string().max(32).optional(), first_name: name.optional(), last_name: name.optional(), title: name.optional() });

const inlineButtonSchema = z.object({ text: z.string().max(1024), callback_data: z.string().max(256).optional(), url: z.string().max(2048).optional() });
export type InlineButton = z.infer<typeof inlineButtonSchema>;
export const inlineKeyboardSchema = z.object({ inline_keyboard: z.array(z.array(inlineButtonSchema).max(16)).max(100) });

/** Media we only name in the text ("[photo] caption"); their files stay with Telegram. */
export const NAMED_MEDIA = ["photo", "video", "audio", "voice", "video_note", "animation", "sticker"] as const;
const media = Object.fromEntries(NAMED_MEDIA.map((kind) => [kind, z.unknown().optional()])) as Record<
  (typeof NAMED_MEDIA)[number],
  z.ZodOptional<z.ZodUnknown>
>;

export const messageSchema = z.object({
  message_id: id,
  date: id,
  chat: chatSchema,
  from: userSchema.optional(),
  text: z.string().max(MAX_TEXT).optional(),
  caption: z.string().max(MAX_TEXT).optional(),
  contact: z.object({ phone_number: z.string().min(1).max(32), first_name: name, last_name: name.optional(), user_id: id.optional() }).optional(),
  location: z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }).optional(),
  document: z.object({ file_id: z.string().max(256), file_name: name.optional(), mime_type: name.optional(), file_size: id.optional() }).optional(),
  ...media,
  /** Echoed in a callback query's message: the keyboard as the bot sent it. */
  reply_markup: inlineKeyboardSchema.optional(),
});
export type TelegramMessage = z.infer<typeof messageSchema>;

export const callbackQuerySchema = z.object({
  id: z.string().min(1).max(64),
  from: userSchema,
  /** The bot's message the button was under; absent for inline-mode messages (then `inline_message_id`). */
  message: messageSchema.optional(),
  inline_message_id: z.string().max(256).optional(),
  chat_instance: z.string().max(64).optional(),
  /** Absent for a game's button. */
  data: z.string().max(256).optional(),
});
export type CallbackQuery = z.infer<typeof callbackQuerySchema>;

/** The kinds we read; every other kind (edited_message, channel_post, inline_query ...) is dropped by parsing. */
export const updateSchema = z.object({
  update_id: z.number().int().nonnegative(),
  message: messageSchema.optional(),
  callback_query: callbackQuerySchema.optional(),
});
export type Update = z.infer<typeof updateSchema>;

/** What every method answers: `{ok: true, result}` or `{ok: false, error_code, description}`. */
export const apiAnswerSchema = z.object({ ok: z.boolean(), result: z.unknown().optional(), description: z.string().max(1024).optional() });
export type ApiAnswer = { ok: true; result: unknown } | { ok: false; error_code: number; description: string };

/** sendMessage's parameters as we send them (https://core.telegram.org/bots/api#sendmessage). */
export type SendMessageParams = { chat_id: string; text: string; reply_markup?: { inline_keyboard: InlineButton[][] } };

/** `text` cut to at most `bytes` bytes of UTF-8, at a character boundary. */
export function cutToBytes(text: string, bytes: number): string {
  let used = 0;
  let end = 0;
  for (const char of text) {
    used += Buffer.byteLength(char, "utf8");
    if (used > bytes) break;
    end += char.length;
  }
  return text.slice(0, end);
}

/**
 * Each label's callback_data: the label itself, cut to Telegram's 64 bytes (a 40-character Cyrillic
 * label is 80). A press is read back through the keyboard Telegram echoes, so the label is never
 * lost; labels alike in their first 64 bytes get their position appended to stay apart.
 */
export function callbackData(labels: string[]): string[] {
  const cut = labels.map((label) => cutToBytes(label, CALLBACK_DATA_BYTES));
  return cut.map((data, i) => (cut.indexOf(data) === i && cut.lastIndexOf(data) === i ? data : `${cutToBytes(data, CALLBACK_DATA_BYTES - 4)}#${i}`));
}

/** One button per row: labels of up to 40 characters read best stacked. */
export function inlineKeyboard(labels: string[]): { inline_keyboard: InlineButton[][] } {
  const data = callbackData(labels);
  return { inline_keyboard: labels.map((text, i) => [{ text, callback_data: data[i] }]) };
}

/** The label of the pressed button: found in the keyboard Telegram echoed, else the data itself (the label, maybe cut). */
export function pressedLabel(query: CallbackQuery & { data: string }): string {
  const buttons = query.message?.reply_markup?.inline_keyboard.flat() ?? [];
  return buttons.find((b) => b.callback_data === query.data)?.text ?? query.data;
}
