/**
 * A fake of Viber for one bot: send_message as Viber answers it (always 200; `status` 0 or an
 * error code with its `status_message`, as in the docs' error table; only to people who wrote to
 * the bot) and callbacks as Viber posts them, signed, with 64-bit message tokens written as numbers.
 */
import * as z from "zod";
import type { OutboundResponse } from "../../contracts/outbound";
import type { RawRequest } from "../channel";
import type { FakeDelivery, ProviderFake } from "../provider-fake";
import { settingsSchema, signatureOf } from "./adapter";

/** A callback body as Viber posts it to `url`, signed with the bot's auth token. */
export function signedCallback(authToken: string, body: string, url: string): RawRequest {
  const bytes = Buffer.from(body, "utf8");
  return { method: "POST", url, headers: { "content-type": "application/json", "x-viber-content-signature": signatureOf(authToken, bytes) }, body: bytes };
}

/** Viber refuses requests over 30 KB (developers.viber.com/docs/faq). */
const MAX_REQUEST_BYTES = 30 * 1024;

const button = z.object({
  ActionType: z.enum(["reply", "open-url", "location-picker", "share-phone", "none"]).optional(),
  ActionBody: z.string().min(1),
  Text: z.string().max(250).optional(),
});
const requestSchema = z.object({
  receiver: z.string().min(1),
  type: z.literal("text"),
  text: z.string().trim().min(1).max(7000),
  sender: z.object({ name: z.string().min(1).max(28), avatar: z.string().optional() }),
  min_api_version: z.number().int().optional(),
  keyboard: z.object({ Type: z.literal("keyboard"), Buttons: z.array(button).min(1) }).optional(),
});

/** Viber's answer, written by hand so a 64-bit token stays a JSON number. */
const answer = (url: string, status: number, message: string, token?: bigint): OutboundResponse => ({
  status: 200,
  url,
  contentType: "application/json",
  text: `{"status":${status},"status_message":${JSON.stringify(message)}${token === undefined ? "" : `,"message_token":${token}`},"chat_hostname":"SN-05_"}`,
  truncated: false,
});

/** Tokens as large as Viber's (beyond what a double holds exactly). */
const FIRST_TOKEN = 5741311803571721087n;
const VIBER_STATUS = { delivered: "delivered", read: "seen", failed: "failed" } as const;

export function createFake(input: unknown): ProviderFake {
  const settings = settingsSchema.parse(input);
  const deliveries: FakeDelivery[] = [];
  const subscribers = new Set<string>();
  let lastToken = FIRST_TOKEN;
  const nextToken = () => (lastToken += 2n);
  const callback = (event: string, fields: string, url: string) =>
    signedCallback(settings.authToken, `{"event":"${event}","timestamp":${Date.now()},"chat_hostname":"SN-CHAT-01_",${fields}}`, url);

  return {
    channel: "viber",
    async answer(request) {
      const { pathname } = new URL(request.url, "https://chatapi.viber.com");
      if (pathname !== "/pa/send_message" || request.method !== "POST") {
        return { status: 404, url: request.url, contentType: "text/plain", text: "Not Found", truncated: false };
      }
      const header = Object.entries(request.headers).find(([k]) => k.toLowerCase() === "x-viber-auth-token")?.[1];
      let body: unknown;
      try {
        body = JSON.parse(request.body ?? "");
      } catch {
        return answer(request.url, 3, "badData");
      }
      const token = header ?? (body as { auth_token?: unknown } | null)?.auth_token;
      if (token !== settings.authToken) return answer(request.url, 2, "invalidAuthToken");
      const sent = requestSchema.safeParse(body);
      if (Buffer.byteLength(request.body ?? "") > MAX_REQUEST_BYTES || !sent.success) return answer(request.url, 3, "badData");
      const { receiver, text, keyboard } = sent.data;
      if (!subscribers.has(receiver)) return answer(request.url, 6, "notSubscribed");
      const messageToken = nextToken();
      const buttons = keyboard?.Buttons.map((b) => b.Text ?? b.ActionBody) ?? [];
      deliveries.push({ providerMessageId: String(messageToken), address: receiver, text, buttons, at: Date.now() });
      return answer(request.url, 0, "ok", messageToken);
    },
    deliveries: () => [...deliveries],
    customerWrites(customer, text, webhookUrl) {
      subscribers.add(customer.address);
      // A press of a reply button sends its ActionBody as text: ours is the button's text.
      const sender = { id: customer.address, name: customer.name ?? "Viber User", language: "en", country: "UA", api_version: 10 };
      const fields = `"message_token":${nextToken()},"sender":${JSON.stringify(sender)},"message":${JSON.stringify({ type: "text", text })},"silent":false`;
      return callback("message", fields, webhookUrl);
    },
    statusReport(providerMessageId, status, webhookUrl) {
      const delivery = deliveries.find((d) => d.providerMessageId === providerMessageId);
      if (!delivery) throw new Error(`the fake took no message ${providerMessageId}`);
      if (status === "sent") throw new Error("Viber sends no callback for sent: send_message's answer says it");
      const desc = status === "failed" ? `,"desc":"receiver's client could not show the message"` : "";
      return callback(VIBER_STATUS[status], `"message_token":${providerMessageId},"user_id":${JSON.stringify(delivery.address)}${desc}`, webhookUrl);
    },
  };
}
