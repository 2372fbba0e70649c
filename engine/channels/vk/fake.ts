/**
 * A fake of VK for one community: messages.send as VK answers it (errors as 200 with
 * `{error: {error_code, error_msg}}`, one message per peer and random_id, only to people who
 * wrote to the community) and Callback API events as VK posts them (group_id and secret inside).
 */
import { randomBytes } from "node:crypto";
import * as z from "zod";
import type { OutboundResponse } from "../../contracts/outbound";
import type { RawRequest } from "../channel";
import type { FakeDelivery, ProviderFake } from "../provider-fake";
import { settingsSchema, type VkSettings } from "./adapter";

/** A Callback API event for the community of `settings`, posted to `url` as VK posts it. */
export function callbackRequest(settings: Pick<VkSettings, "groupId" | "secret">, event: Record<string, unknown>, url: string): RawRequest {
  const body = { group_id: settings.groupId, ...event, secret: settings.secret };
  return { method: "POST", url, headers: { "content-type": "application/json" }, body: Buffer.from(JSON.stringify(body), "utf8") };
}

const textButton = z.object({
  action: z.object({ type: z.literal("text"), label: z.string().min(1).max(40), payload: z.string().max(255).optional() }).strict(),
  color: z.enum(["primary", "secondary", "negative", "positive"]).optional(),
});
/** VK's keyboard object for text buttons; a standard one is at most 10 rows of 5 and 40 keys in all. */
const keyboardSchema = z
  .object({ one_time: z.boolean().optional(), inline: z.boolean().optional(), buttons: z.array(z.array(textButton).min(1).max(5)).max(10) })
  .strict()
  .refine((k) => k.buttons.flat().length <= 40);
type Keyboard = z.infer<typeof keyboardSchema>;

/** VK's error, with the request parameters it echoes. */
class VkError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const json = (url: string, body: unknown): OutboundResponse => ({
  status: 200,
  url,
  contentType: "application/json; charset=utf-8",
  text: JSON.stringify(body),
  truncated: false,
});

export function createFake(input: unknown): ProviderFake {
  const settings = settingsSchema.parse(input);
  const deliveries: FakeDelivery[] = [];
  /** peer_id:random_id → message id: VK sends a message once. */
  const byRandomId = new Map<string, number>();
  /** People who wrote to the community (so it may write to them), with the keyboard they were last shown. */
  const peers = new Map<number, { keyboard: Keyboard | null; messages: number }>();
  let lastId = 0;

  function sendMessage(params: URLSearchParams): number {
    const token = params.get("access_token");
    if (!token) throw new VkError(5, "User authorization failed: no access_token passed.");
    if (token !== settings.accessToken) throw new VkError(5, "User authorization failed: invalid access_token (4).");
    if (!params.get("v")) throw new VkError(8, "Invalid request: v is required");
    const peer = Number(params.get("peer_id"));
    if (!Number.isSafeInteger(peer) || peer === 0) throw new VkError(100, "One of the parameters specified was missing or invalid: peer_id is undefined");
    const randomId = Number(params.get("random_id"));
    if (!params.get("random_id") || !Number.isInteger(randomId) || Math.abs(randomId) > 2 ** 31) {
      throw new VkError(100, "One of the parameters specified was missing or invalid: random_id is a required parameter");
    }
    const text = params.get("message") ?? "";
    if (!text.trim()) throw new VkError(100, "One of the parameters specified was missing or invalid: message is empty or invalid");
    if (text.length > 4096) throw new VkError(914, "Message is too long");
    const keyboard = readKeyboard(params.get("keyboard"));
    const known = peers.get(peer);
    if (!known) throw new VkError(901, "Can't send messages for users without permission");
    const once = `${peer}:${randomId}`;
    const previous = byRandomId.get(once);
    if (previous !== undefined) return previous;
    lastId += 1;
    byRandomId.set(once, lastId);
    known.keyboard = keyboard ?? known.keyboard;
    const buttons = keyboard?.buttons.flat().map((b) => b.action.label) ?? [];
    deliveries.push({ providerMessageId: String(lastId), address: String(peer), text, buttons, at: Date.now() });
    return lastId;
  }

  return {
    channel: "vk",
    async answer(request) {
      const url = new URL(request.url, "https://api.vk.com");
      const method = url.pathname.replace(/^\/method\//, "");
      const params = new URLSearchParams(url.search);
      const type = (request.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
      if (request.body && type === "application/x-www-form-urlencoded") for (const [k, v] of new URLSearchParams(request.body)) params.set(k, v);
      const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? "")?.[1];
      if (bearer && !params.has("access_token")) params.set("access_token", bearer);
      const echoed = [
        { key: "method", value: method },
        { key: "v", value: params.get("v") ?? "" },
      ];
      try {
        if (method !== "messages.send") throw new VkError(3, "Unknown method passed");
        return json(request.url, { response: sendMessage(params) });
      } catch (error) {
        if (!(error instanceof VkError)) throw error;
        return json(request.url, { error: { error_code: error.code, error_msg: error.message, request_params: echoed } });
      }
    },
    deliveries: () => [...deliveries],
    customerWrites(customer, text, webhookUrl) {
      const peer = /^[1-9]\d{0,14}$/.test(customer.address) ? Number(customer.address) : 0;
      if (!peer) throw new Error(`a VK user id is a positive number, not "${customer.address}"`);
      const known = peers.get(peer) ?? { keyboard: null, messages: 0 };
      known.messages += 1;
      peers.set(peer, known);
      // Pressing a text button sends its label, with the button's payload.
      const pressed = known.keyboard?.buttons.flat().find((b) => b.action.label === text);
      if (known.keyboard?.one_time && pressed) known.keyboard = null;
      const message = {
        date: Math.floor(Date.now() / 1000),
        from_id: peer,
        id: known.messages,
        out: 0,
        version: 1,
        attachments: [],
        conversation_message_id: known.messages,
        fwd_messages: [],
        important: false,
        is_hidden: false,
        peer_id: peer,
        random_id: 0,
        text,
        ...(pressed?.action.payload && { payload: pressed.action.payload }),
      };
      const clientInfo = {
        button_actions: ["text", "vkpay", "open_app", "location", "open_link", "callback"],
        keyboard: true,
        inline_keyboard: true,
        lang_id: 0,
      };
      const event = { type: "message_new", event_id: randomBytes(20).toString("hex"), v: "5.199", object: { message, client_info: clientInfo } };
      return callbackRequest(settings, event, webhookUrl);
    },
  };
}

function readKeyboard(text: string | null): Keyboard | null {
  if (text === null) return null;
  try {
    return keyboardSchema.parse(JSON.parse(text));
  } catch {
    throw new VkError(911, "Keyboard format is invalid");
  }
}
