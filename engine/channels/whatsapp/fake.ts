/**
 * A small, faithful fake of the WhatsApp Cloud API. It takes POST /{version}/{phone-number-id}/messages
 * as Meta does: the bearer token checked (401, code 190), the payload held to the Cloud API's
 * limits (400, code 100, naming the parameter), free-form messages refused outside the 24-hour
 * window the customer's last message opened (400, code 131047), unknown templates refused (404,
 * code 132001), and a `wamid.` id for each message it takes. It writes the webhooks Meta would
 * send, signed with the app secret: a customer's message (a tap on one of our buttons comes as the
 * button's reply), a delivery status, and the verification GET.
 */
import { createHmac, randomBytes } from "node:crypto";
import type { OutboundResponse } from "../../contracts/outbound";
import type { RawRequest } from "../channel";
import type { FakeDelivery, ProviderFake } from "../provider-fake";
import { settingsSchema } from "./adapter";
import { hubSignature, type OutboundPayload, outboundSchema, parseJson, REENGAGEMENT, waIdSchema } from "./api";

const DAY = 24 * 60 * 60 * 1000;
/** Every Cloud API test number comes with Meta's sample template. */
const SAMPLE_TEMPLATE = { name: "hello_world", language: "en_US" };
const BUSINESS_ACCOUNT_ID = "102290129340398";
const DISPLAY_NUMBER = "15550783881";

type Choices = { messageId: string; kind: "button" | "list"; options: { id: string; title: string }[] };
type GraphErrorFields = { message: string; code: number; subcode?: number; details?: string };

export function createFake(settings: unknown, { now = Date.now }: { now?: () => number } = {}): ProviderFake {
  const s = settingsSchema.parse(settings);
  const templates = [SAMPLE_TEMPLATE, ...(s.reopenTemplate ? [{ name: s.reopenTemplate, language: s.reopenTemplateLanguage }] : [])];
  const deliveries: FakeDelivery[] = [];
  /** When each customer (wa_id) last wrote: the 24-hour window runs from there. */
  const lastWrote = new Map<string, number>();
  /** The last buttons or list each customer was shown. */
  const choices = new Map<string, Choices>();
  const wamid = () => `wamid.${Buffer.from(`${s.phoneNumberId}.${randomBytes(9).toString("hex")}`).toString("base64")}`;

  /** A webhook POST carrying `value` for our number, signed as Meta signs it. */
  const webhook = (webhookUrl: string, value: Record<string, unknown>) => signedRequest(s.appSecret, webhookUrl, webhookBody(s.phoneNumberId, [value]));

  function take(p: OutboundPayload): string {
    const id = wamid();
    const shown = display(p);
    deliveries.push({ providerMessageId: id, address: `+${p.to}`, ...shown, at: now() });
    if (p.type === "interactive") {
      const { interactive: i } = p;
      const options = i.type === "button" ? i.action.buttons.map((b) => b.reply) : i.action.sections.flatMap((x) => x.rows);
      choices.set(p.to, { messageId: id, kind: i.type, options });
    }
    return id;
  }

  return {
    channel: "whatsapp",
    async answer(request) {
      const token = /^Bearer\s+(\S+)$/i.exec(header(request.headers, "authorization") ?? "")?.[1];
      if (!token) return graphError(401, { message: "An active access token must be used to query information about the current user.", code: 2500 });
      if (token !== s.accessToken) return graphError(401, { message: "Invalid OAuth access token - Cannot parse access token", code: 190 });
      const { pathname } = new URL(request.url, "http://graph.invalid");
      const path = /^\/v\d+\.\d+\/([^/]+)\/messages\/?$/.exec(pathname);
      if (!path) return graphError(400, { message: `Unknown path components: ${pathname}`, code: 2500 });
      if (path[1] !== s.phoneNumberId || request.method !== "POST") {
        const message =
          `Unsupported ${request.method.toLowerCase()} request. Object with ID '${path[1]}' does not exist, ` +
          "cannot be loaded due to missing permissions, or does not support this operation.";
        return graphError(400, { message, code: 100, subcode: 33 });
      }
      const parsed = outboundSchema.safeParse(parseJson(request.body));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return graphError(400, { message: "(#100) Invalid parameter", code: 100, details: `Param ${issue.path.join(".") || "body"}: ${issue.message}` });
      }
      const p = parsed.data;
      if (p.type === "template") {
        const known = templates.some((t) => t.name === p.template.name && t.language === p.template.language.code);
        if (!known) {
          const details = `template name (${p.template.name}) does not exist in ${p.template.language.code}`;
          return graphError(404, { message: "(#132001) Template name does not exist in the translation", code: 132001, details });
        }
      } else if (now() - (lastWrote.get(p.to) ?? Number.NEGATIVE_INFINITY) > DAY) {
        const details = "Message failed to send because more than 24 hours have passed since the customer last replied to this number.";
        return graphError(400, { message: `(#${REENGAGEMENT}) Re-engagement message`, code: REENGAGEMENT, details });
      }
      const id = take(p);
      return json(200, { messaging_product: "whatsapp", contacts: [{ input: p.to, wa_id: p.to }], messages: [{ id }] });
    },
    deliveries: () => [...deliveries],
    customerWrites(customer, text, webhookUrl) {
      const from = waIdSchema.parse(customer.address.replace(/^\+/, ""));
      const at = now();
      lastWrote.set(from, at);
      const shown = choices.get(from);
      const choice = shown?.options.find((o) => o.title === text);
      const content = choice
        ? { type: "interactive", context: { from: DISPLAY_NUMBER, id: shown?.messageId }, interactive: reply(shown?.kind ?? "button", choice) }
        : { type: "text", text: { body: text } };
      const message = { from, id: wamid(), timestamp: seconds(at), ...content };
      const contacts = [{ ...(customer.name && { profile: { name: customer.name } }), wa_id: from }];
      return webhook(webhookUrl, { contacts, messages: [message] });
    },
    statusReport(providerMessageId, status, webhookUrl) {
      const delivery = deliveries.find((d) => d.providerMessageId === providerMessageId);
      if (!delivery) throw new Error(`the fake WhatsApp took no message ${providerMessageId}`);
      const errors = status === "failed" && [
        { code: 131026, title: "Message undeliverable", message: "Message undeliverable", error_data: { details: "Message Undeliverable." } },
      ];
      const report = { id: providerMessageId, status, timestamp: seconds(now()), recipient_id: delivery.address.slice(1), ...(errors && { errors }) };
      return webhook(webhookUrl, { statuses: [report] });
    },
  };
}

/** The GET Meta sends to verify the webhook URL when it is set up. */
export function verificationRequest(webhookUrl: string, verifyToken: string, challenge: string): RawRequest {
  const url = new URL(webhookUrl);
  for (const [k, v] of Object.entries({ "hub.mode": "subscribe", "hub.challenge": challenge, "hub.verify_token": verifyToken })) url.searchParams.set(k, v);
  return { method: "GET", url: url.toString(), headers: { "user-agent": "facebookplatform/1.0" }, body: Buffer.alloc(0) };
}

/** A webhook body as Meta writes it: one entry for the business account, one `messages` change per value. */
export function webhookBody(phoneNumberId: string, values: Record<string, unknown>[]): string {
  const metadata = { display_phone_number: DISPLAY_NUMBER, phone_number_id: phoneNumberId };
  const changes = values.map((value) => ({ value: { messaging_product: "whatsapp", metadata, ...value }, field: "messages" }));
  return JSON.stringify({ object: "whatsapp_business_account", entry: [{ id: BUSINESS_ACCOUNT_ID, changes }] });
}

/** A POST of `body` signed as Meta signs webhooks: X-Hub-Signature-256 (and the legacy SHA-1 X-Hub-Signature). */
export function signedRequest(appSecret: string, url: string, body: string): RawRequest {
  return {
    method: "POST",
    url,
    headers: {
      "content-type": "application/json",
      "user-agent": "facebookexternalua",
      "x-hub-signature": `sha1=${createHmac("sha1", appSecret).update(body).digest("hex")}`,
      "x-hub-signature-256": hubSignature(appSecret, body),
    },
    body: Buffer.from(body, "utf8"),
  };
}

/** What the customer's phone shows for a message. */
function display(p: OutboundPayload): Pick<FakeDelivery, "text" | "buttons"> {
  if (p.type === "text") return { text: p.text.body, buttons: [] };
  if (p.type === "template") {
    const parameters = p.template.components?.flatMap((c) => c.parameters.map((x) => x.text)) ?? [];
    return { text: parameters.length ? parameters.join(" ") : `[template ${p.template.name}]`, buttons: [] };
  }
  const i = p.interactive;
  const titles = i.type === "button" ? i.action.buttons.map((b) => b.reply.title) : i.action.sections.flatMap((x) => x.rows.map((r) => r.title));
  return { text: i.body.text, buttons: titles };
}

const reply = (kind: Choices["kind"], choice: { id: string; title: string }) =>
  kind === "button" ? { type: "button_reply", button_reply: choice } : { type: "list_reply", list_reply: choice };

const seconds = (ms: number) => String(Math.floor(ms / 1000));

const header = (headers: Record<string, string>, name: string) => Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];

const json = (status: number, body: unknown): OutboundResponse => ({
  status,
  url: "",
  contentType: "application/json; charset=UTF-8",
  text: JSON.stringify(body),
  truncated: false,
});

function graphError(status: number, e: GraphErrorFields): OutboundResponse {
  const error = {
    message: e.message,
    type: "OAuthException",
    code: e.code,
    ...(e.subcode && { error_subcode: e.subcode }),
    ...(e.details && { error_data: { messaging_product: "whatsapp", details: e.details } }),
    fbtrace_id: `A${randomBytes(10).toString("base64url")}`,
  };
  return json(status, { error });
}
