/**
 * A small, faithful Twilio for voice: the Calls API (basic auth, form-encoded, Twilio's error codes
 * and body), and the caller's side of a call: it calls in, hears the TwiML it is answered with
 * (refusing a document that is not well-formed TwiML, as Twilio does with error 12100), presses
 * keys or speaks into a Gather, follows Redirects and queues, hangs up; every webhook signed as
 * Twilio signs it.
 */
import { randomBytes } from "node:crypto";
import type { ChannelAnswer, DeliveryStatus, RawRequest } from "../channel";
import type { FakeCustomer, FakeDelivery, ProviderFake } from "../provider-fake";
import type { OutboundResponse } from "../../contracts/outbound";
import { acceptedCall, fakeJson, fakeRefusal } from "../_twilio/rest";
import { API_VERSION, e164Schema, formParams, signedWebhook } from "../_twilio/wire";
import { type PhoneSettings, settingsSchema } from "./adapter";
import { type CallStatus, callQuery, callsPath, callUrl } from "./voice";

const newSid = (prefix: string) => `${prefix}${randomBytes(16).toString("hex")}`;

/** What the caller heard in one answer, and what Twilio does next. */
export type HeardTurn = {
  said: string[];
  /** The Gather's action URL when the call listens for keys or speech. */
  gather: string | null;
  /** The options the Gather maps keys to (from its action URL). */
  options: string[];
  /** Where Twilio goes when the document ends (a Redirect), or the queue's URLs when the caller is enqueued. */
  redirect: string | null;
  enqueued: { queue: string; action: string; waitUrl: string } | null;
  hungUp: boolean;
  left: boolean;
};

const VERBS = new Set(["Response", "Say", "Gather", "Redirect", "Enqueue", "Hangup", "Leave", "Pause", "Play", "Dial", "Queue", "Number"]);
const ENTITY: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const fromXml = (text: string) => text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => ENTITY[name]);

/**
 * Reads a TwiML document as Twilio does, for the verbs the phone channel uses. Anything else than
 * well-formed TwiML (a stray `<` or `&`, an unknown verb, unbalanced tags) is Twilio's error 12100.
 */
export function readTwiml(body: string): HeardTurn {
  const fail = (why: string): never => {
    throw new Error(`Twilio error 12100 (Document parse failure): ${why}`);
  };
  const doc = body.replace(/^<\?xml[^>]*\?>/, "");
  const turn: HeardTurn = { said: [], gather: null, options: [], redirect: null, enqueued: null, hungUp: false, left: false };
  const stack: { verb: string; attributes: Record<string, string>; text: string }[] = [];
  const token = /<(\/?)([A-Za-z]+)((?:\s+[A-Za-z]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let match: RegExpExecArray | null;
  let at = 0;
  while (at < doc.length && (match = token.exec(doc))) {
    at = token.lastIndex;
    const [, closing, verb, rawAttributes, selfClosing, text] = match;
    if (text !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos);)/.test(text)) fail("a bare & in text");
      if (stack.length) stack[stack.length - 1].text += fromXml(text);
      continue;
    }
    if (!VERBS.has(verb)) fail(`unknown verb <${verb}>`);
    if (closing) {
      const open = stack.pop();
      if (open?.verb !== verb) fail(`</${verb}> closes <${open?.verb ?? "nothing"}>`);
      heard(turn, open!);
      continue;
    }
    const attributes = Object.fromEntries([...rawAttributes.matchAll(/([A-Za-z]+)="([^"]*)"/g)].map(([, k, v]) => [k, fromXml(v)]));
    if (selfClosing) heard(turn, { verb, attributes, text: "" });
    else stack.push({ verb, attributes, text: "" });
  }
  if (at !== doc.length || stack.length) fail("the document is not well-formed");
  return turn;
}

function heard(turn: HeardTurn, { verb, attributes, text }: { verb: string; attributes: Record<string, string>; text: string }) {
  if (verb === "Say") turn.said.push(text);
  if (verb === "Gather") {
    turn.gather = attributes.action;
    turn.options = callQuery(attributes.action).option;
  }
  if (verb === "Redirect") turn.redirect = text.trim();
  if (verb === "Enqueue") turn.enqueued = { queue: text.trim(), action: attributes.action, waitUrl: attributes.waitUrl };
  if (verb === "Hangup") turn.hungUp = true;
  if (verb === "Leave") turn.left = true;
}

/** What a status webhook reports for each of the engine's statuses. */
const REPORTED: Record<DeliveryStatus["status"], CallStatus> = { sent: "ringing", delivered: "completed", read: "completed", failed: "no-answer" };

type FakeCall = { sid: string; customer: FakeCustomer; direction: "inbound" | "outbound-api"; last: HeardTurn | null };

export type PhoneFake = ProviderFake & {
  /** The customer calls our number: the voice webhook Twilio posts to `webhookUrl`. */
  call(customer: FakeCustomer, webhookUrl: string): { callSid: string; request: RawRequest };
  /** The caller hears our answer to the call's latest request: recorded as deliveries (throws Twilio's 12100 for a broken document). */
  hear(callSid: string, answer: ChannelAnswer): HeardTurn;
  /** The caller presses keys (`#` ends free input) in the Gather they last heard. */
  press(callSid: string, digits: string): RawRequest;
  /** The caller speaks in the Gather they last heard (Twilio's speech recognition gives the words). */
  speak(callSid: string, words: string): RawRequest;
  /** What Twilio requests next when the caller says nothing: the Redirect, or the hold music while enqueued. */
  follow(callSid: string): RawRequest;
  /** The queue's action URL when the caller left the queue (`<Leave/>` on hold, or an operator took the call). */
  leaveQueue(callSid: string, result?: "leave" | "bridged" | "hangup"): RawRequest;
  /** A status callback with any of Twilio's call statuses. */
  statusCallback(callSid: string, status: CallStatus, webhookUrl: string, errorCode?: string): RawRequest;
};

export function createFake(raw: unknown): PhoneFake {
  const settings: PhoneSettings = settingsSchema.parse(raw);
  const ourNumber = settings.from;
  const deliveries: FakeDelivery[] = [];
  const calls = new Map<string, FakeCall>();
  /** What a caller dialled to say (`customerWrites`), by call: said into the call's first Gather. */
  const meaning = new Map<string, string>();
  const webhook = (url: string, params: Record<string, string>) => signedWebhook(settings.authToken, url, params);

  const callOf = (sid: string) => calls.get(sid) ?? fail(`the fake Twilio has no call ${sid}`);
  const fail = (message: string): never => {
    throw new Error(message);
  };
  /** The parameters of every voice request about the call. */
  function callParams(call: FakeCall, status: CallStatus): Record<string, string> {
    const [from, to] = call.direction === "inbound" ? [call.customer.address, ourNumber] : [ourNumber, call.customer.address];
    return {
      AccountSid: settings.accountSid,
      ApiVersion: API_VERSION,
      CallSid: call.sid,
      CallStatus: status,
      Called: to,
      Caller: from,
      Direction: call.direction,
      From: from,
      To: to,
      ...(call.customer.name && { CallerName: call.customer.name }),
    };
  }
  function gatherOf(callSid: string): { call: FakeCall; action: string } {
    const call = callOf(callSid);
    if (!call.last?.gather) fail(`call ${callSid} is not listening for keys or speech`);
    return { call, action: call.last!.gather! };
  }
  function record(call: FakeCall, heard: HeardTurn) {
    // Hold music (the wait URL's answer) keeps the caller in the queue they were put in.
    const held = call.last?.enqueued && !heard.gather && !heard.redirect && !heard.hungUp && !heard.enqueued;
    const turn = held ? { ...heard, enqueued: call.last!.enqueued } : heard;
    call.last = turn;
    if (turn.said.length)
      deliveries.push({ providerMessageId: call.sid, address: call.customer.address, text: turn.said.join(" "), buttons: turn.options, at: Date.now() });
    return turn;
  }

  /** The checks Twilio makes on a create-call request, in its order; null when it places the call. */
  function refusal(params: URLSearchParams): OutboundResponse | null {
    const to = params.get("To");
    const from = params.get("From");
    const callback = params.get("StatusCallback");
    if (!to) return fakeRefusal(400, 21201, "No 'To' number is specified");
    if (!e164Schema.safeParse(to).success) return fakeRefusal(400, 21211, `Invalid 'To' Phone Number: ${to}`);
    if (!from) return fakeRefusal(400, 21213, "No 'From' number is specified");
    if (from !== ourNumber) return fakeRefusal(400, 21210, `The source phone number provided, ${from}, is not yet verified for your account.`);
    if (!params.get("Url") && !params.get("Twiml")) return fakeRefusal(400, 21205, "Url parameter is required.");
    if (callback && !URL.canParse(callback)) return fakeRefusal(400, 21609, `The StatusCallback URL ${callback} is not a valid URL.`);
    return null;
  }

  return {
    channel: "phone",
    async answer(request) {
      const params = acceptedCall(request, settings, callsPath(settings.accountSid));
      if (!(params instanceof URLSearchParams)) return params;
      const refused = refusal(params);
      if (refused) return refused;
      const twiml = params.get("Twiml");
      let turn: HeardTurn | null = null;
      if (twiml) {
        try {
          turn = readTwiml(twiml);
        } catch (error) {
          return fakeRefusal(400, 12100, (error as Error).message);
        }
      }
      const to = params.get("To") ?? "";
      const call: FakeCall = { sid: newSid("CA"), customer: { address: to }, direction: "outbound-api", last: null };
      calls.set(call.sid, call);
      // The callee picks up and hears the inline TwiML at once (a Url would be fetched: not modelled).
      if (turn) record(call, turn);
      const date = new Date().toUTCString().replace("GMT", "+0000");
      return fakeJson(201, {
        account_sid: settings.accountSid,
        api_version: API_VERSION,
        date_created: date,
        date_updated: date,
        direction: "outbound-api",
        from: ourNumber,
        sid: call.sid,
        status: "queued",
        to,
        uri: `${callsPath(settings.accountSid).replace(".json", "")}/${call.sid}.json`,
      });
    },
    deliveries: () => [...deliveries],
    call: startCall,
    hear: (callSid, answer) => record(callOf(callSid), readTwiml(answer.body)),
    answered(request, answer) {
      const callSid = formParams(request.body).get("CallSid");
      if (answer.contentType.startsWith("text/xml") && callSid && calls.has(callSid)) record(callOf(callSid), readTwiml(answer.body));
    },
    press,
    speak,
    follow(callSid) {
      const call = callOf(callSid);
      const waitUrl = call.last?.enqueued?.waitUrl;
      const next = waitUrl ?? call.last?.redirect ?? fail(`call ${callSid} has nowhere to go next`);
      const hold: Record<string, string> = waitUrl ? { QueuePosition: "1", QueueTime: "12", AvgQueueTime: "30", CurrentQueueSize: "1" } : {};
      return webhook(next, { ...callParams(call, "in-progress"), ...hold });
    },
    leaveQueue(callSid, result = "leave") {
      const call = callOf(callSid);
      const queued = call.last?.enqueued ?? fail(`call ${callSid} is not in a queue`);
      return webhook(queued.action, { ...callParams(call, "in-progress"), QueueResult: result, QueueTime: "42" });
    },
    customerWrites(customer, text, webhookUrl) {
      const live = [...calls.values()].find((c) => c.customer.address === customer.address && c.last?.gather);
      if (live) return say(live.sid, text);
      const { callSid, request } = startCall(customer, webhookUrl);
      if (text.trim()) meaning.set(callSid, text);
      return request;
    },
    nextRequest() {
      for (const [callSid, text] of meaning) {
        const last = calls.get(callSid)?.last;
        if (!last) continue; // not answered yet
        meaning.delete(callSid);
        // Put in a queue or hung up on before anything listened: the words are never said.
        if (last.gather) return say(callSid, text);
      }
      return null;
    },
    statusCallback,
    statusReport: (callSid, status, webhookUrl) => statusCallback(callSid, REPORTED[status], webhookUrl, status === "failed" ? "31005" : undefined),
  };

  function startCall(customer: FakeCustomer, webhookUrl: string) {
    const call: FakeCall = { sid: newSid("CA"), customer, direction: "inbound", last: null };
    calls.set(call.sid, call);
    return { callSid: call.sid, request: webhook(webhookUrl, callParams(call, "ringing")) };
  }
  function press(callSid: string, digits: string) {
    const { call, action } = gatherOf(callSid);
    return webhook(action, { ...callParams(call, "in-progress"), Digits: digits, FinishedOnKey: digits.endsWith("#") ? "#" : "" });
  }
  /** Keys when the text is only keys, else words. */
  function say(callSid: string, text: string) {
    return /^[0-9*#]+$/.test(text.trim()) ? press(callSid, text.trim()) : speak(callSid, text);
  }
  function speak(callSid: string, words: string) {
    const { call, action } = gatherOf(callSid);
    return webhook(action, { ...callParams(call, "in-progress"), SpeechResult: words, Confidence: "0.92" });
  }
  function statusCallback(callSid: string, status: CallStatus, webhookUrl: string, errorCode?: string): RawRequest {
    const call = callOf(callSid);
    if (status === "completed" || status === "busy" || status === "no-answer" || status === "failed" || status === "canceled") call.last = null;
    // Twilio calls back the StatusCallback URL as given (ours names the message); the number's voice URL gets ?event=status.
    return webhook(callQuery(webhookUrl).event === "status" ? webhookUrl : callUrl(webhookUrl, { event: "status" }), {
      ...callParams(call, status),
      CallbackSource: "call-progress-events",
      SequenceNumber: "0",
      Timestamp: new Date().toUTCString(),
      ...(status === "completed" && { CallDuration: "42" }),
      ...(errorCode && { ErrorCode: errorCode }),
    });
  }
}
