import * as z from "zod";
import type {
  ChannelAdapter,
  ChannelAnswer,
  ChannelDeps,
  DeliveryStatus,
  InboundMessage,
  LiveReply,
  OutboundMessage,
  ParsedRequest,
  RawRequest,
} from "../channel";
import { wordedError } from "../../contracts/errors";
import { isTimeout, NoAnswer } from "../../contracts/outbound";
import { createResource, REQUEST_TIMEOUT_SECONDS, twilioResource } from "../_twilio/rest";
import { e164Schema, formRequest, sidSchema, TWILIO_API, verifyTwilio } from "../_twilio/wire";
import { createLiveCalls } from "./live-calls";
import { offerPrompts, type TurnSettings, turnVerbs } from "./turn";
import { gather, hangup, redirect, say, twimlAnswer, twimlDocument } from "./twiml";
import {
  type CallParams,
  type CallQuery,
  type CallStatus,
  callQuery,
  callSchema,
  callsPath,
  callUrl,
  createdCallSchema,
  customerOf,
  digitOf,
  ENDED,
  gatherSchema,
  MAX_OPTIONS,
  statusSchema,
} from "./voice";

const httpUrl = z.url({ protocol: /^https?$/, error: "an http(s) URL" }).max(2000);
const queueSlug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, "a queue name: lower-case letters, digits and dashes")
  .max(60);

export const settingsSchema = z
  .object({
    accountSid: sidSchema("AC"),
    authToken: z.string().min(1, "required").max(128),
    /** The number calls come in on and callbacks are placed from (E.164). */
    from: e164Schema,
    baseUrl: httpUrl.default(TWILIO_API),
    /**
     * The public URL Twilio calls: the number's voice URL; its status callback is the same URL with
     * `?event=status` (without one a call counts as over two minutes after Twilio last asked).
     * Twilio signs the URL it called; behind a proxy the server sees another one. Our TwiML's URLs
     * are built on it, and calls we place (callbacks) can go on in the flow only when it is set.
     */
    webhookUrl: httpUrl.optional(),
    /** The language `<Say>` speaks and `<Gather>` recognises (Twilio's codes: en-US, ru-RU …). */
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, "a language code such as en-US")
      .default("en-US"),
    /** A voice Twilio knows (e.g. Polly.Joanna); Twilio's default when unset. */
    voice: z.string().trim().min(1).max(60).optional(),
    /** Queues a caller waits in on the line (`<Enqueue>`); a task in any other queue (callbacks) ends the call after the flow's words. */
    holdQueues: z.array(queueSlug).max(20).default(["support"]),
    /** How a quick reply is offered: `{digit}` and `{option}` are filled in. */
    pressPrompt: z.string().trim().min(1).max(200).default("Press {digit} for {option}."),
    /** Seconds a Gather listens after the flow's words. */
    gatherSeconds: z.number().int().min(1).max(60).default(5),
    /** How long a webhook waits for the flow's words before it asks Twilio to come back (ms). */
    replyWithinMs: z.number().int().min(100).max(10_000).default(3000),
  })
  .strict();
export type PhoneSettings = z.output<typeof settingsSchema>;

export const secretSettings = ["authToken"] as const;

/** Settings the fake provider (fake.ts) takes: +15005550006 is the number Twilio's test credentials accept as a caller id. */
export const sandboxSettings = () => ({ accountSid: `AC${"0".repeat(31)}2`, authToken: "sandbox-auth-token-0002", from: "+15005550006" });

/** What each call status says about the message that placed the call (or was spoken in it); queued and initiated say nothing new. */
const DELIVERY: Partial<Record<CallStatus, DeliveryStatus["status"]>> = {
  ringing: "sent",
  "in-progress": "delivered",
  answered: "delivered",
  completed: "delivered",
  busy: "failed",
  "no-answer": "failed",
  failed: "failed",
  canceled: "failed",
};

/** A Gather posts its action only with a result: the keys pressed or the words said. */
const gatherResultSchema = gatherSchema.refine((g) => g.Digits !== undefined || g.SpeechResult !== undefined, {
  path: ["Digits"],
  message: "a Gather's result has Digits or SpeechResult",
});

/** What the caller "says" when a call comes in: the flow sees it as the conversation's message. */
export const CALL_STARTED = "Incoming call";

/**
 * The text a Gather's result stands for: the option whose key was pressed (so a quick reply comes
 * back as its label), else the keys or the words as they are.
 */
function gathered(result: { Digits?: string; SpeechResult?: string }, options: readonly string[]): string {
  if (result.Digits !== undefined) {
    const keys = result.Digits.replace(/#$/, "");
    const index = options.findIndex((_, i) => digitOf(i) === keys);
    return index === -1 ? keys : options[index];
  }
  return result.SpeechResult ?? "";
}

/**
 * Voice through Twilio (or any provider speaking its Voice API and TwiML). A call's webhooks are
 * answered with TwiML: each request is taken in like a message (a call coming in, keys pressed or
 * words said, deduplicated by CallSid and turn), then the answer carries what the flow sent in the
 * same step, which reached `send` through the outbox while the call was live (live-calls.ts).
 * A send to a customer who is not on the line places a call (the Calls API) that says it.
 */
export function createAdapter(raw: unknown, deps: ChannelDeps): ChannelAdapter {
  const settings = settingsSchema.parse(raw);
  const resource = twilioResource(settings.baseUrl, callsPath(settings.accountSid), settings.accountSid, settings.authToken);
  const calls = createLiveCalls();
  const speech = { language: settings.language, voice: settings.voice };
  const turns: TurnSettings = { speech, holdQueues: settings.holdQueues, pressPrompt: settings.pressPrompt, gatherSeconds: settings.gatherSeconds };
  /** Where Twilio's requests were signed: the public URL with the query of the request (ours carry the turn). */
  const publicUrl = (request: RawRequest) => {
    if (!settings.webhookUrl) return request.url;
    const query = URL.canParse(request.url) ? new URL(request.url).search : "";
    return query ? `${settings.webhookUrl.split("?")[0]}${query}` : settings.webhookUrl;
  };
  // The caller's words repeated by Twilio (its answer was lost) get the same answer: what it said is not queued any more.
  const answered = new Map<string, ChannelAnswer>();
  const remember = (key: string | null, answer: ChannelAnswer) => {
    if (key === null) return answer;
    answered.set(key, answer);
    if (answered.size > 1000) answered.delete(answered.keys().next().value as string);
    return answer;
  };

  /** The answer to a call's request; `words` is the provider id of what the caller said in it (null: a poll). */
  function live(request: RawRequest, query: CallQuery, call: CallParams, words: string | null): LiveReply {
    return {
      address: customerOf(call),
      async answer(state) {
        const repeated = words === null ? undefined : answered.get(words);
        if (repeated) return repeated;
        const collected = await calls.collect(call.CallSid, state.queued, settings.replyWithinMs);
        return remember(words, twimlAnswer(turnVerbs({ url: publicUrl(request), query, collected, state }, turns)));
      },
    };
  }

  /** A call's voice request: the caller's words (a call coming in, a Gather's result) for the flow, and the flow's next words as the answer. */
  function callRequest(request: RawRequest, query: CallQuery, fields: Record<string, string>): ParsedRequest {
    if (query.event === "gather") {
      const result = gatherResultSchema.parse(fields);
      calls.begin(result.CallSid, customerOf(result));
      const message: InboundMessage = {
        channel: "phone",
        providerMessageId: `${result.CallSid}:${query.turn}`,
        address: customerOf(result),
        name: result.CallerName || null,
        text: gathered(result, query.option),
      };
      return { kind: "events", messages: [message], statuses: [], live: live(request, query, result, message.providerMessageId) };
    }
    const call = callSchema.parse(fields);
    if (ENDED.has(call.CallStatus)) {
      calls.end(call.CallSid);
      return { kind: "events", messages: [], statuses: [], ack: twimlAnswer([hangup()]) };
    }
    calls.begin(call.CallSid, customerOf(call));
    if (query.event !== "call") return { kind: "events", messages: [], statuses: [], live: live(request, query, call, null) };
    const started: InboundMessage = {
      channel: "phone",
      providerMessageId: `${call.CallSid}:0`,
      address: customerOf(call),
      name: call.CallerName || null,
      text: CALL_STARTED,
    };
    return { kind: "events", messages: [started], statuses: [], live: live(request, query, call, started.providerMessageId) };
  }

  /** The TwiML of a call we place: the message said, then (with a public URL) the call goes on in the flow. */
  function outboundTwiml(message: OutboundMessage): string {
    if (!settings.webhookUrl) return twimlDocument([say(message.text, speech), hangup()]);
    const options = (message.buttons ?? []).slice(0, MAX_OPTIONS);
    const spoken = [message.text, ...offerPrompts(options, settings.pressPrompt)].map((text) => say(text, speech));
    const action = callUrl(settings.webhookUrl, { event: "gather", turn: 1, option: options });
    const listen = { action, numDigits: options.length ? 1 : undefined, timeout: settings.gatherSeconds, language: settings.language };
    return twimlDocument([gather(listen, spoken), redirect(callUrl(settings.webhookUrl, { event: "poll", option: options }))]);
  }

  return {
    channel: "phone",
    quickReplies: true,
    verify: (request) => verifyTwilio(settings.authToken, [publicUrl(request)], request),
    parse(request) {
      const fields = Object.fromEntries(formRequest(request));
      const query = callQuery(request.url);
      if (query.event !== "status") return callRequest(request, query, fields);
      const s = statusSchema.parse(fields);
      if (ENDED.has(s.CallStatus)) calls.end(s.CallSid);
      const status = DELIVERY[s.CallStatus];
      const error = status === "failed" ? `${s.CallStatus}${s.ErrorCode ? ` (Twilio error ${s.ErrorCode})` : ""}` : null;
      const ours = query.message ? { messageId: query.message } : {};
      return { kind: "events", messages: [], statuses: status ? [{ channel: "phone", providerMessageId: s.CallSid, status, error, at: null, ...ours }] : [] };
    },
    async send(message) {
      const inCall = calls.hand(message.address, { messageId: message.messageId, text: message.text, buttons: message.buttons ?? [] });
      if (inCall) return { providerMessageId: inCall };
      const form = new URLSearchParams({ To: message.address, From: settings.from, Twiml: outboundTwiml(message) });
      if (settings.webhookUrl) {
        // The message's id rides in the callback URL (signed by Twilio with it): its statuses find it even if our POST's answer is lost.
        form.set("StatusCallback", callUrl(settings.webhookUrl, { event: "status", message: message.messageId }));
        for (const event of ["initiated", "ringing", "answered", "completed"]) form.append("StatusCallbackEvent", event);
      }
      try {
        return { providerMessageId: await createResource(deps.http, resource, form, createdCallSchema) };
      } catch (error) {
        // Twilio takes no idempotency key: a POST it may have acted on is not sent again, or the customer could get two calls.
        if (!isTimeout(error)) throw error;
        throw wordedError(NoAnswer, "phone.no-answer", { seconds: REQUEST_TIMEOUT_SECONDS });
      }
    },
  };
}
