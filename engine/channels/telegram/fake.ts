/**
 * A small, faithful Telegram: the two Bot API methods the adapter calls (sendMessage,
 * answerCallbackQuery) with Telegram's refusals (status codes and `{ok: false, error_code,
 * description}` bodies), and the webhook updates Telegram posts when a customer writes, shares or
 * taps a button, carrying the secret token as Telegram does. Like Telegram, it refuses to message
 * a chat that never wrote to the bot.
 */
import type { OutboundResponse } from "../../contracts/outbound";
import type { RawRequest } from "../channel";
import type { FakeCustomer, FakeDelivery, ProviderFake } from "../provider-fake";
import { settingsSchema } from "./adapter";
import { CALLBACK_DATA_BYTES, MAX_TEXT, SECRET_HEADER, type InlineButton, type TelegramMessage, type TelegramUser } from "./bot-api";

/** A webhook request exactly as Telegram posts `update` to `webhookUrl` for a bot whose setWebhook secret is `secret`. */
export function signedUpdate(secret: string, update: unknown, webhookUrl: string): RawRequest {
  const body = typeof update === "string" ? update : JSON.stringify(update);
  return { method: "POST", url: webhookUrl, headers: { "content-type": "application/json", [SECRET_HEADER]: secret }, body: Buffer.from(body, "utf8") };
}

/** What the customer can put in a message besides text: a contact, a location, a document ... (the fake fills ids, chat, sender, date). */
export type MessageContent = Omit<Partial<TelegramMessage>, "message_id" | "date" | "chat" | "from">;

export type TelegramFake = ProviderFake & {
  /** The customer sends a message with any content (`customerWrites` is this with text). */
  customerSends(customer: FakeCustomer, content: MessageContent, webhookUrl: string): RawRequest;
  /** The customer taps the button `label` under the latest message in their chat that shows it: a callback_query. */
  customerPresses(customer: FakeCustomer, label: string, webhookUrl: string): RawRequest;
  /** Ids of the callback queries the bot answered, in order. */
  answeredPresses(): string[];
};

type SentMessage = { message_id: number; date: number; chat: { id: number; type: "private" }; from: TelegramUser; text: string; reply_markup?: unknown };
type Answer = { status: number; body: Record<string, unknown> };

const ok = (result: unknown): Answer => ({ status: 200, body: { ok: true, result } });
const refused = (status: number, description: string): Answer => ({ status, body: { ok: false, error_code: status, description } });
const NOT_FOUND = refused(404, "Not Found");
const QUERY_INVALID = refused(400, "Bad Request: query is too old and response timeout expired or query ID is invalid");

/** The buttons of a keyboard sendMessage took (checked by keyboardProblem). */
const buttonsOf = (markup: unknown): InlineButton[] => ((markup as { inline_keyboard?: InlineButton[][] } | undefined)?.inline_keyboard ?? []).flat();

/** The inline keyboard's problem, in Telegram's words, or null when it is fine. */
function keyboardProblem(markup: unknown): string | null {
  const rows = (markup as { inline_keyboard?: unknown } | null)?.inline_keyboard;
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) return "Bad Request: can't parse reply keyboard markup JSON object";
  for (const button of rows.flat() as Partial<InlineButton>[]) {
    if (typeof button?.text !== "string" || !button.text) return "Bad Request: can't parse inline keyboard button: Text must be non-empty";
    if (button.callback_data === undefined && button.url === undefined) {
      return "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard";
    }
    const bytes = Buffer.byteLength(button.callback_data ?? "x", "utf8");
    if (bytes < 1 || bytes > CALLBACK_DATA_BYTES) return "Bad Request: BUTTON_DATA_INVALID";
  }
  return null;
}

export function createFake(input: unknown, clock: () => number = Date.now): TelegramFake {
  const settings = settingsSchema.parse(input);
  const bot: TelegramUser = { id: Number(settings.botToken.split(":")[0]), is_bot: true, first_name: "Omniflow", username: "omniflow_bot" };
  /** Chats that wrote to the bot, with their last message id (ids count up per chat, both ways). */
  const chats = new Map<string, { user: TelegramUser; lastId: number }>();
  const sent: SentMessage[] = [];
  const delivered: FakeDelivery[] = [];
  const queries = new Map<string, { answered: boolean }>();
  const answered: string[] = [];
  let updateId = 500_000_000;
  const seconds = () => Math.floor(clock() / 1000);

  function chatOf(customer: FakeCustomer) {
    if (!/^[1-9]\d{0,15}$/.test(customer.address)) throw new Error(`a Telegram customer's address is their user id (digits), not "${customer.address}"`);
    const chat = chats.get(customer.address) ?? { user: { id: Number(customer.address), is_bot: false, first_name: "Customer" }, lastId: 0 };
    if (customer.name) chat.user = { ...chat.user, first_name: customer.name };
    chats.set(customer.address, chat);
    return chat;
  }

  function sendMessage(params: Record<string, unknown>): Answer {
    const { chat_id, text, reply_markup } = params;
    if (chat_id === undefined || chat_id === "") return refused(400, "Bad Request: chat_id is empty");
    const chat = chats.get(String(chat_id));
    if (!chat) return refused(400, "Bad Request: chat not found");
    if (typeof text !== "string" || !text.trim()) return refused(400, "Bad Request: message text is empty");
    if (text.length > MAX_TEXT) return refused(400, "Bad Request: message is too long");
    const problem = reply_markup === undefined ? null : keyboardProblem(reply_markup);
    if (problem) return refused(400, problem);
    const message: SentMessage = {
      message_id: ++chat.lastId,
      date: seconds(),
      chat: { id: chat.user.id, type: "private" },
      from: bot,
      text,
      ...(reply_markup !== undefined && { reply_markup }),
    };
    sent.push(message);
    const buttons = buttonsOf(reply_markup).map((b) => b.text);
    delivered.push({ providerMessageId: String(message.message_id), address: String(chat.user.id), text, buttons, at: clock() });
    return ok(message);
  }

  function answerCallbackQuery(params: Record<string, unknown>): Answer {
    const query = queries.get(String(params.callback_query_id));
    if (!query || query.answered) return QUERY_INVALID;
    query.answered = true;
    answered.push(String(params.callback_query_id));
    return ok(true);
  }

  const methods: Record<string, (params: Record<string, unknown>) => Answer> = { sendmessage: sendMessage, answercallbackquery: answerCallbackQuery };

  function customerSends(customer: FakeCustomer, content: MessageContent, webhookUrl: string): RawRequest {
    const chat = chatOf(customer);
    const message = {
      message_id: ++chat.lastId,
      from: chat.user,
      chat: { id: chat.user.id, first_name: chat.user.first_name, type: "private" },
      date: seconds(),
    };
    // Telegram marks a leading command ("/start <token>") as a bot_command entity.
    const command = content.text && /^\/\w+/.exec(content.text)?.[0];
    const entities = command ? { entities: [{ offset: 0, length: command.length, type: "bot_command" }] } : {};
    return signedUpdate(settings.webhookSecret, { update_id: ++updateId, message: { ...message, ...content, ...entities } }, webhookUrl);
  }

  return {
    channel: "telegram",
    async answer(request): Promise<OutboundResponse> {
      const route = /^\/bot([^/]+)\/(\w+)$/.exec(new URL(request.url).pathname);
      let answer: Answer;
      if (!route) answer = NOT_FOUND;
      else if (route[1] !== settings.botToken) answer = refused(401, "Unauthorized");
      else {
        const method = methods[route[2].toLowerCase()];
        let params: unknown = null;
        try {
          params = JSON.parse(request.body ?? "");
        } catch {}
        if (!method) answer = NOT_FOUND;
        else if (typeof params !== "object" || params === null) answer = refused(400, "Bad Request: parameters are not a JSON object");
        else answer = method(params as Record<string, unknown>);
      }
      return { status: answer.status, url: request.url, contentType: "application/json", text: JSON.stringify(answer.body), truncated: false };
    },
    deliveries: () => [...delivered],
    customerWrites: (customer, text, webhookUrl) => customerSends(customer, { text }, webhookUrl),
    customerSends,
    customerPresses(customer, label, webhookUrl) {
      const chat = chatOf(customer);
      const message = sent.findLast((m) => m.chat.id === chat.user.id && buttonsOf(m.reply_markup).some((b) => b.text === label));
      const button = buttonsOf(message?.reply_markup).find((b) => b.text === label);
      if (!message || !button) throw new Error(`no message in chat ${customer.address} shows a button "${label}"`);
      const id = `${bot.id}${++updateId}`;
      queries.set(id, { answered: false });
      const query = { id, from: chat.user, message, chat_instance: `-${chat.user.id}`, data: button.callback_data };
      return signedUpdate(settings.webhookSecret, { update_id: ++updateId, callback_query: query }, webhookUrl);
    },
    answeredPresses: () => [...answered],
  };
}
