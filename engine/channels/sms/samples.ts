/** SMS webhooks as Twilio sends them (and as it never would), signed with the fake's signer, for the adapter's tests and the engine's. */
import type { RawRequest } from "../channel";
import { sandboxSettings } from "./adapter";
import { FORM_TYPE, signedWebhook } from "../_twilio/wire";

/** The public URL Twilio is told to call; the settings say so (`webhookUrl`). */
export const SAMPLE_URL = "https://omniflow.example/api/channels/sms/inbound";
export const sampleSettings = { ...sandboxSettings(), webhookUrl: SAMPLE_URL };

const { accountSid, authToken, from: ourNumber } = sampleSettings;
export const sid = (digit: string) => `SM${digit.repeat(32)}`;

/** An incoming message's parameters as Twilio posts them (the ones we read among the ones it always sends). */
export const incoming = (messageSid: string, from: string, body: string, extra: Record<string, string> = {}) => ({
  SmsMessageSid: messageSid,
  NumMedia: "0",
  SmsSid: messageSid,
  SmsStatus: "received",
  Body: body,
  To: ourNumber,
  NumSegments: "1",
  MessageSid: messageSid,
  AccountSid: accountSid,
  From: from,
  ApiVersion: "2010-04-01",
  ...extra,
});
/** A status callback's parameters. */
export const statusOf = (messageSid: string, status: string, extra: Record<string, string> = {}) => ({
  SmsSid: messageSid,
  SmsStatus: status,
  MessageStatus: status,
  To: "+14155550100",
  MessageSid: messageSid,
  AccountSid: accountSid,
  From: ourNumber,
  ApiVersion: "2010-04-01",
  ...extra,
});

const signed = (params: Record<string, string>, url = SAMPLE_URL) => signedWebhook(authToken, url, params);
/** Signed for `signedFor`, received by this server at `receivedAt` (a proxy in front, a port added). */
const received = (request: RawRequest, receivedAt: string): RawRequest => ({ ...request, url: receivedAt });

export const samples = {
  message: signed(incoming(sid("1"), "+14155550100", "  What are your hours?  ")),
  /** Twilio retrying the same message (same MessageSid): parsed again, intake deduplicates. */
  duplicate: signed(incoming(sid("1"), "+14155550100", "  What are your hours?  ")),
  /** WhatsApp-style senders carry the customer's profile name. */
  profileName: signed(incoming(sid("2"), "+447700900123", "hi", { ProfileName: "Ann" })),
  /** Twilio calls https://omniflow.example/…; the server behind the TLS terminator sees http on an inner host. */
  behindProxy: received(signed(incoming(sid("3"), "+14155550100", "hi")), "http://10.0.0.5:3000/api/channels/sms/inbound"),
  /** Signed with the standard port written out, received without it. */
  standardPort: signed(incoming(sid("4"), "+14155550100", "hi"), "https://omniflow.example:443/api/channels/sms/inbound"),
  stop: signed(incoming(sid("5"), "+14155550100", "Stop")),
  start: signed(incoming(sid("6"), "+14155550100", "START!")),
  /** Advanced Opt-Out recognised a messaging service's own (French) keyword. */
  optOutType: signed(incoming(sid("7"), "+14155550100", "ARRET", { OptOutType: "STOP" })),
  /** Not a keyword: a sentence that contains one. */
  notAKeyword: signed(incoming(sid("8"), "+14155550100", "please stop calling me at work")),
  delivered: signed(statusOf(sid("a"), "delivered")),
  sent: signed(statusOf(sid("a"), "sent")),
  read: signed(statusOf(sid("a"), "read")),
  undelivered: signed(statusOf(sid("a"), "undelivered", { ErrorCode: "30003" })),
  failed: signed(statusOf(sid("a"), "failed", { ErrorCode: "30008" })),
  queued: signed(statusOf(sid("a"), "queued")),
} satisfies Record<string, RawRequest>;

const tampered = (request: RawRequest, body: string): RawRequest => ({ ...request, body: Buffer.from(body, "utf8") });
const unsigned = (request: RawRequest): RawRequest => ({
  ...request,
  headers: Object.fromEntries(Object.entries(request.headers).filter(([name]) => name !== "x-twilio-signature")),
});

/** Requests that did not come from Twilio: refused by `verify` with the code. */
export const unverifiedSamples = {
  noSignature: { request: unsigned(signed(incoming(sid("9"), "+14155550100", "hi"))), code: "missing_signature" },
  wrongToken: { request: signedWebhook("another-auth-token-99", SAMPLE_URL, incoming(sid("9"), "+14155550100", "hi")), code: "invalid_signature" },
  tamperedBody: {
    request: tampered(signed(incoming(sid("9"), "+14155550100", "hi")), new URLSearchParams(incoming(sid("9"), "+14155550100", "send me $500")).toString()),
    code: "invalid_signature",
  },
  addedParameter: {
    request: tampered(signed(incoming(sid("9"), "+14155550100", "hi")), `${new URLSearchParams(incoming(sid("9"), "+14155550100", "hi"))}&OptOutType=STOP`),
    code: "invalid_signature",
  },
  anotherUrl: { request: signed(incoming(sid("9"), "+14155550100", "hi"), "https://attacker.example/api/channels/sms/inbound"), code: "invalid_signature" },
  forgedSignature: {
    request: {
      ...signed(incoming(sid("9"), "+14155550100", "hi")),
      headers: { "content-type": FORM_TYPE, "x-twilio-signature": "RSOYDt4T1cUTdK1PDd93/VVr8B8=" },
    },
    code: "invalid_signature",
  },
} satisfies Record<string, { request: RawRequest; code: string }>;

/** Signed requests the SMS channel refuses, with the fields (zod) or the code (before the payload) it names. */
export const badSamples = {
  fromNotE164: { request: signed(incoming(sid("b"), "4155550100", "hi")), fields: ["From"] },
  missingSid: { request: signed({ From: "+14155550100", Body: "hi" }), fields: ["MessageSid"] },
  bodyTooLong: { request: signed(incoming(sid("c"), "+14155550100", "x".repeat(1601))), fields: ["Body"], message: "at most 1600 characters" },
  unknownStatus: { request: signed(statusOf(sid("d"), "lost")), fields: ["MessageStatus"] },
  statusWithoutSid: { request: signed({ MessageStatus: "delivered" }), fields: ["MessageSid"] },
  json: {
    request: { ...signed({}), headers: { "content-type": "application/json" }, body: Buffer.from('{"Body":"hi"}') },
    code: "unsupported_media_type",
    status: 415,
  },
  get: { request: { ...signed({}), method: "GET", body: Buffer.alloc(0) }, code: "method_not_allowed", status: 405 },
} satisfies Record<string, { request: RawRequest; fields?: string[]; message?: string; code?: string; status?: number }>;
