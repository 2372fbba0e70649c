/** Voice webhooks as Twilio sends them (and as it never would), signed with Twilio's signer, for the adapter's tests and the engine's. */
import type { RawRequest } from "../channel";
import { API_VERSION, FORM_TYPE, signedWebhook } from "../_twilio/wire";
import { sandboxSettings } from "./adapter";
import { callUrl } from "./voice";

/** The public URL Twilio is told to call (the number's voice URL); the settings say so (`webhookUrl`). */
export const SAMPLE_URL = "https://omniflow.example/api/channels/phone/inbound";
export const sampleSettings = { ...sandboxSettings(), webhookUrl: SAMPLE_URL };

const { accountSid, authToken, from: ourNumber } = sampleSettings;
export const callSid = (digit: string) => `CA${digit.repeat(32)}`;
export const CALLER = "+14155550100";

/** A voice request's parameters for a call from `caller` (the ones we read among the ones Twilio always sends). */
export const callParams = (sid: string, status = "ringing", extra: Record<string, string> = {}, caller = CALLER) => ({
  AccountSid: accountSid,
  ApiVersion: API_VERSION,
  CallSid: sid,
  CallStatus: status,
  Called: ourNumber,
  Caller: caller,
  Direction: "inbound",
  From: caller,
  To: ourNumber,
  ...extra,
});
/** One of our URLs, as our TwiML gave it to Twilio. */
export const ourUrl = (query: Parameters<typeof callUrl>[1], base = SAMPLE_URL) => callUrl(base, query);

const signed = (params: Record<string, string>, url = SAMPLE_URL) => signedWebhook(authToken, url, params);
const menu = { event: "gather", turn: 1, option: ["Billing", "Call me back"] } as const;

export const samples = {
  call: signed(callParams(callSid("1"))),
  /** Twilio retrying the same request (same CallSid, same turn): parsed again, intake deduplicates. */
  duplicateCall: signed(callParams(callSid("1"))),
  /** Twilio calls https://omniflow.example/…; the server behind the TLS terminator sees http on an inner host. */
  behindProxy: { ...signed(callParams(callSid("2"))), url: "http://10.0.0.5:3000/api/channels/phone/inbound" },
  namedCaller: signed(callParams(callSid("3"), "ringing", { CallerName: "Ann Lee" })),
  pressed2: signed(callParams(callSid("1"), "in-progress", { Digits: "2" }), ourUrl(menu)),
  pressed9: signed(callParams(callSid("1"), "in-progress", { Digits: "9" }), ourUrl(menu)),
  spoke: signed(callParams(callSid("1"), "in-progress", { SpeechResult: "billing please", Confidence: "0.9" }), ourUrl(menu)),
  /** Free input ended with the # key (an hour for a callback). */
  typed: signed(callParams(callSid("1"), "in-progress", { Digits: "15#" }), ourUrl({ event: "gather", turn: 2 })),
  poll: signed(callParams(callSid("1"), "in-progress"), ourUrl({ event: "poll", turn: 2 })),
  wait: signed(callParams(callSid("1"), "in-progress", { QueuePosition: "1", QueueTime: "5" }), ourUrl({ event: "wait", turn: 2 })),
  left: signed(callParams(callSid("1"), "in-progress", { QueueResult: "leave" }), ourUrl({ event: "left", turn: 2 })),
  /** A call we placed (a callback): the customer is the callee. */
  outboundPressed: signed(
    { ...callParams(callSid("4"), "in-progress", { Digits: "1" }), Direction: "outbound-api", From: ourNumber, To: CALLER },
    ourUrl({ event: "gather", turn: 1, option: ["Yes", "No"] }),
  ),
  ringing: signed(callParams(callSid("a"), "ringing", { CallbackSource: "call-progress-events" }), ourUrl({ event: "status" })),
  answered: signed(callParams(callSid("a"), "in-progress", { CallbackSource: "call-progress-events" }), ourUrl({ event: "status" })),
  completed: signed(callParams(callSid("a"), "completed", { CallDuration: "42" }), ourUrl({ event: "status" })),
  busy: signed(callParams(callSid("a"), "busy"), ourUrl({ event: "status" })),
  noAnswer: signed(callParams(callSid("a"), "no-answer"), ourUrl({ event: "status" })),
  failed: signed(callParams(callSid("a"), "failed", { ErrorCode: "32009" }), ourUrl({ event: "status" })),
  initiated: signed(callParams(callSid("a"), "initiated"), ourUrl({ event: "status" })),
  /** The caller hung up while the voice URL was asked (Twilio's final request of a call that ends). */
  hungUp: signed(callParams(callSid("5"), "completed")),
} satisfies Record<string, RawRequest>;

const tampered = (request: RawRequest, params: Record<string, string>): RawRequest => ({
  ...request,
  body: Buffer.from(new URLSearchParams(params).toString()),
});
const unsigned = (request: RawRequest): RawRequest => ({
  ...request,
  headers: Object.fromEntries(Object.entries(request.headers).filter(([name]) => name !== "x-twilio-signature")),
});

/** Requests that did not come from Twilio: refused by `verify` with the code. */
export const unverifiedSamples = {
  noSignature: { request: unsigned(signed(callParams(callSid("9")))), code: "missing_signature" },
  wrongToken: { request: signedWebhook("another-auth-token-99", SAMPLE_URL, callParams(callSid("9"))), code: "invalid_signature" },
  /** Another key than the one pressed. */
  tamperedDigits: {
    request: tampered(samples.pressed2, callParams(callSid("1"), "in-progress", { Digits: "1" })),
    code: "invalid_signature",
  },
  /** The options offered travel in the signed URL: another menu is not Twilio's request. */
  tamperedOptions: { request: { ...samples.pressed2, url: ourUrl({ ...menu, option: ["Billing", "Refund everything"] }) }, code: "invalid_signature" },
  anotherUrl: { request: signed(callParams(callSid("9")), "https://attacker.example/api/channels/phone/inbound"), code: "invalid_signature" },
  forgedSignature: {
    request: { ...signed(callParams(callSid("9"))), headers: { "content-type": FORM_TYPE, "x-twilio-signature": "RSOYDt4T1cUTdK1PDd93/VVr8B8=" } },
    code: "invalid_signature",
  },
} satisfies Record<string, { request: RawRequest; code: string }>;

/** Signed requests the phone channel refuses, with the fields (zod) or the code (before the payload) it names. */
export const badSamples = {
  fromNotE164: { request: signed(callParams(callSid("b"), "ringing", {}, "4155550100")), fields: ["From"] },
  missingCallSid: { request: signed({ From: CALLER, To: ourNumber, Direction: "inbound", CallStatus: "ringing" }), fields: ["CallSid"] },
  unknownStatus: { request: signed(callParams(callSid("c"), "lost")), fields: ["CallStatus"] },
  gatherWithoutResult: { request: signed(callParams(callSid("c"), "in-progress"), ourUrl({ event: "gather", turn: 1 })), fields: ["Digits"] },
  badKeys: { request: signed(callParams(callSid("c"), "in-progress", { Digits: "12a" }), ourUrl({ event: "gather", turn: 1 })), fields: ["Digits"] },
  unknownEvent: { request: signed(callParams(callSid("c")), `${SAMPLE_URL}?event=dance`), fields: ["event"] },
  statusWithoutSid: { request: signed({ CallStatus: "completed" }, ourUrl({ event: "status" })), fields: ["CallSid"] },
  json: {
    request: { ...signed({}), headers: { "content-type": "application/json" }, body: Buffer.from('{"CallSid":"x"}') },
    code: "unsupported_media_type",
    status: 415,
  },
  get: { request: { ...signed({}), method: "GET", body: Buffer.alloc(0) }, code: "method_not_allowed", status: 405 },
} satisfies Record<string, { request: RawRequest; fields?: string[]; code?: string; status?: number }>;
