/**
 * Viber's send_message (https://developers.viber.com/docs/api/rest-bot-api/#send-message): a JSON
 * POST to `{baseUrl}/pa/send_message` with the `X-Viber-Auth-Token` header. Viber answers 200 either
 * way: `{status: 0, message_token}` or `{status: n, status_message}`. It takes no idempotency key,
 * so a send retried after a lost answer may be shown twice.
 */
import * as z from "zod";
import { wordedError } from "../../contracts/errors";
import type { OutboundMessage } from "../channel";
import { quoteLongIntegers } from "./long-integers";

/** A reply keyboard: one full-width button per quick reply; a press sends its ActionBody as the customer's text. */
const keyboardOf = (buttons: string[]) => ({
  Type: "keyboard",
  InputFieldState: "regular",
  Buttons: buttons.map((text) => ({ ActionType: "reply", ActionBody: text, Text: text, TextSize: "regular", Columns: 6, Rows: 1 })),
});

export function sendBody(message: OutboundMessage, sender: { name: string; avatar?: string }): string {
  return JSON.stringify({
    receiver: message.address,
    min_api_version: 1,
    sender,
    type: "text",
    text: message.text,
    ...(message.buttons?.length && { keyboard: keyboardOf(message.buttons) }),
  });
}

const answerSchema = z.object({
  status: z.number().int(),
  status_message: z.string().optional(),
  message_token: z.union([z.string().regex(/^\d+$/), z.number().int().safe()]).optional(),
});

/** Viber's token for the message, or an Error saying what Viber said (worded by code, for a person's language). */
export function readSendAnswer(status: number, text: string): string {
  if (status !== 200) throw wordedError(Error, "viber.answered", { status, answer: text.slice(0, 200) });
  let answer: z.infer<typeof answerSchema>;
  try {
    answer = answerSchema.parse(JSON.parse(quoteLongIntegers(Buffer.from(text, "utf8")).toString("utf8")));
  } catch {
    throw wordedError(Error, "viber.unexpected", { answer: text.slice(0, 200) });
  }
  if (answer.status !== 0) {
    const said = answer.status_message;
    throw said === undefined
      ? wordedError(Error, "viber.refused-no-reason", { status: answer.status })
      : wordedError(Error, "viber.refused", { said, status: answer.status });
  }
  if (answer.message_token === undefined) throw wordedError(Error, "viber.no-token", {});
  return String(answer.message_token);
}
