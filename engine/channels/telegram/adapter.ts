import { createHash, timingSafeEqual } from "node:crypto";
import * as z from "zod";
import { wordedError } from "../../contracts/errors";
import type { ChannelAdapter, ChannelDeps, InboundMessage } from "../channel";
import { jsonBody } from "../json-request";
import {
  apiAnswerSchema,
  DEFAULT_BASE_URL,
  inlineKeyboard,
  messageSchema,
  pressedLabel,
  SECRET_HEADER,
  type SendMessageParams,
  type Update,
  updateSchema,
} from "./bot-api";
import { fullName, messageText, ownPhone } from "./message-text";

export const settingsSchema = z
  .object({
    /** From @BotFather: "<bot id>:<secret>". */
    botToken: z.string().regex(/^\d{1,20}:[A-Za-z0-9_-]{20,100}$/, "a bot token from @BotFather, like 123456789:AAE..."),
    /** The `secret_token` given to setWebhook: 1-256 characters, A-Z, a-z, 0-9, _ and - (Telegram's rule). */
    webhookSecret: z.string().regex(/^[A-Za-z0-9_-]{1,256}$/, "1-256 characters: letters, digits, _ and -"),
    /** Telegram's, or a local Bot API server's; a trailing "/" is dropped (methods are appended as "/bot<token>/<method>"). */
    baseUrl: z
      .url({ protocol: /^https?$/ })
      .max(200)
      .default(DEFAULT_BASE_URL)
      .transform((url) => url.replace(/\/+$/, "")),
  })
  .strict();
export type TelegramSettings = z.infer<typeof settingsSchema>;

export const secretSettings = ["botToken", "webhookSecret"] as const;

/** Settings the sandbox's fake Telegram (fake.ts) takes. */
export const sandboxSettings = (): z.input<typeof settingsSchema> => ({
  botToken: "1000000001:sandbox-bot-token-not-a-real-one",
  webhookSecret: "omniflow-sandbox-telegram",
});

const TIMEOUT_MS = 10_000;
const MAX_ANSWER_BYTES = 64 * 1024;
const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
/** What a sendMessage answer must hold (built once: zod compiles a schema on its first parse). */
const sentSchema = messageSchema.pick({ message_id: true });

/**
 * Telegram bots through the Bot API: updates arrive by webhook with the secret token in a header;
 * replies go out with sendMessage, quick replies as an inline keyboard. Telegram reports no
 * delivery statuses to bots, so none are parsed.
 */
export function createAdapter(input: unknown, deps: ChannelDeps): ChannelAdapter {
  const settings = settingsSchema.parse(input);
  const expected = digest(settings.webhookSecret);

  /**
   * Calls a Bot API method; a refusal throws with what Telegram said, worded by code (a test send on the
   * Channels page reads it in the person's language). The token never appears in an error.
   */
  async function call(method: string, params: object): Promise<unknown> {
    const response = await deps
      .http({
        url: `${settings.baseUrl}/bot${settings.botToken}/${method}`,
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(params),
        signal: AbortSignal.timeout(TIMEOUT_MS),
        maxBodyBytes: MAX_ANSWER_BYTES,
      })
      .catch((error: Error) => {
        throw Object.assign(new Error(error.message.replaceAll(settings.botToken, "<bot token>")), { name: error.name });
      });
    const answer = (() => {
      try {
        return apiAnswerSchema.parse(JSON.parse(response.text));
      } catch {
        return null;
      }
    })();
    if (answer?.ok && response.status < 300) return answer.result;
    const { status } = response;
    const failed = status >= 500;
    const said = answer?.description;
    throw said === undefined
      ? wordedError(Error, failed ? "telegram.failed-unreadable" : "telegram.refused-unreadable", { method, status, answer: response.text.slice(0, 200) })
      : wordedError(Error, failed ? "telegram.failed" : "telegram.refused", { method, status, said });
  }

  /**
   * Stops the spinner on the pressed button. Only a courtesy (Telegram stops it by itself after a
   * while), so it is not awaited and its failure is ignored: the press is already the customer's message.
   */
  function acknowledgePress(queryId: string): void {
    call("answerCallbackQuery", { callback_query_id: queryId }).catch(() => {});
  }

  /** The customer messages in one update: a message, or a button press; other kinds are acknowledged and dropped. */
  function messagesOf(update: Update): InboundMessage[] {
    const base = { channel: "telegram" as const, providerMessageId: String(update.update_id) };
    if (update.message) {
      const m = update.message;
      const text = messageText(m);
      if (text === null) return [];
      const phone = ownPhone(m);
      return [
        {
          ...base,
          address: String(m.chat.id),
          name: fullName(m.from ?? m.chat),
          text,
          ...(phone && { identities: [{ kind: "phone" as const, value: phone }] }),
        },
      ];
    }
    const query = update.callback_query;
    if (query) {
      acknowledgePress(query.id);
      if (query.data === undefined) return [];
      // In a private chat the user's id is the chat's; inline-mode messages carry no chat.
      const address = String(query.message?.chat.id ?? query.from.id);
      return [{ ...base, address, name: fullName(query.from), text: pressedLabel({ ...query, data: query.data }) }];
    }
    return [];
  }

  return {
    channel: "telegram",
    quickReplies: true,
    // Telegram signs nothing: the secret given to setWebhook comes back in a header, compared in constant time.
    verify(request) {
      const given = request.headers[SECRET_HEADER];
      if (!given) return { ok: false, code: "missing_secret_token", reason: `Telegram sends the webhook's secret token in ${SECRET_HEADER}.` };
      if (!timingSafeEqual(digest(given), expected)) return { ok: false, code: "invalid_secret_token", reason: "The secret token is not this bot's." };
      return { ok: true };
    },
    parse(request) {
      return { kind: "events", messages: messagesOf(updateSchema.parse(jsonBody(request))), statuses: [] };
    },
    async send(message) {
      const params: SendMessageParams = {
        chat_id: message.address,
        text: message.text,
        ...(message.buttons?.length && { reply_markup: inlineKeyboard(message.buttons) }),
      };
      const sent = sentSchema.parse(await call("sendMessage", params));
      // Unique within the chat only; Telegram reports no statuses that would look it up.
      return { providerMessageId: String(sent.message_id) };
    },
  };
}
