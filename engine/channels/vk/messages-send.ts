/**
 * VK's messages.send (https://dev.vk.com/ru/method/messages.send): a form POST to
 * `{baseUrl}/method/messages.send`. VK answers 200 either way: `{response: <message id>}` or
 * `{error: {error_code, error_msg}}`. It sends a message once per `random_id` and peer, so the
 * idempotency key becomes the random_id and a retried send is not shown twice.
 */
import { createHash } from "node:crypto";
import * as z from "zod";
import { wordedError } from "../../contracts/errors";
import type { OutboundMessage } from "../channel";

export const VK_API_VERSION = "5.199";

/** A standard keyboard holds at most 40 keys in 10 rows of at most 5; a label shows 40 characters. */
export const KEYBOARD = { maxKeys: 40, maxRows: 10, maxPerRow: 5, maxLabel: 40, maxPayload: 255 } as const;

/** A non-zero int32 from the idempotency key: the same key, the same random_id. */
export function randomIdOf(key: string): number {
  return createHash("sha256").update(key, "utf8").digest().readInt32BE(0) || 1;
}

type TextButton = { action: { type: "text"; label: string; payload?: string }; color: "secondary" };

/** One text button per quick reply, hidden after a press; up to 10 rows, filled evenly. */
export function keyboardOf(buttons: string[]): string {
  if (buttons.length > KEYBOARD.maxKeys) throw new Error(`VK shows at most ${KEYBOARD.maxKeys} buttons; the message has ${buttons.length}`);
  const perRow = Math.ceil(buttons.length / KEYBOARD.maxRows);
  const rows: TextButton[][] = [];
  buttons.forEach((text, i) => {
    if (i % perRow === 0) rows.push([]);
    rows[rows.length - 1].push(textButton(text));
  });
  return JSON.stringify({ one_time: true, buttons: rows });
}

/** The label may be cut short; the payload keeps the whole text, which a press sends back (callback.ts). */
function textButton(text: string): TextButton {
  const label = text.length > KEYBOARD.maxLabel ? `${text.slice(0, KEYBOARD.maxLabel - 1)}…` : text;
  const payload = JSON.stringify({ button: text });
  return { action: { type: "text", label, ...(payload.length <= KEYBOARD.maxPayload && { payload }) }, color: "secondary" };
}

/** The form fields of one message. */
export function sendForm(message: OutboundMessage, accessToken: string): URLSearchParams {
  const form = new URLSearchParams({
    access_token: accessToken,
    v: VK_API_VERSION,
    peer_id: message.address,
    random_id: String(randomIdOf(message.key)),
    message: message.text,
  });
  if (message.buttons?.length) form.set("keyboard", keyboardOf(message.buttons));
  return form;
}

const answerSchema = z.union([
  z.object({ response: z.number().int() }),
  z.object({ error: z.object({ error_code: z.number().int(), error_msg: z.string() }) }),
]);

/** The id VK gave the message, or an Error saying what VK said (worded by code, for a person's language). */
export function readSendAnswer(status: number, text: string): string {
  if (status !== 200) throw wordedError(Error, "vk.answered", { status, answer: text.slice(0, 200) });
  let answer: z.infer<typeof answerSchema>;
  try {
    answer = answerSchema.parse(JSON.parse(text));
  } catch {
    throw wordedError(Error, "vk.unexpected", { answer: text.slice(0, 200) });
  }
  if ("error" in answer) throw wordedError(Error, "vk.refused", { said: answer.error.error_msg, errorCode: answer.error.error_code });
  return String(answer.response);
}
