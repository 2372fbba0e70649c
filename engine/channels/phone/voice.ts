/**
 * What Twilio's Programmable Voice looks like on the wire, shared by the adapter and the fake: the
 * Calls resource, call statuses, and the voice webhooks' form parameters.
 * https://www.twilio.com/docs/voice/api/call-resource, https://www.twilio.com/docs/voice/twiml
 */
import * as z from "zod";
import { MESSAGE_ID } from "../../contracts/messages";
import { e164Schema, sidSchema } from "../_twilio/wire";

/** The Calls resource of an account: POST places (creates) a call. */
export const callsPath = (accountSid: string) => `/2010-04-01/Accounts/${accountSid}/Calls.json`;

/** Every `CallStatus` Twilio documents (`answered` only in status callbacks' `StatusCallbackEvent`). */
export const CALL_STATUSES = ["queued", "initiated", "ringing", "in-progress", "answered", "completed", "busy", "no-answer", "failed", "canceled"] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];
/** Statuses after which the call is over. */
export const ENDED: ReadonlySet<CallStatus> = new Set(["completed", "busy", "no-answer", "failed", "canceled"]);

/**
 * Which request this is, from the `event` query parameter of the URLs we give Twilio: none for the
 * number's voice URL (a call comes in), `gather` (digits or speech), `poll` (a Redirect asking for
 * what the flow says next), `wait` (hold music while queued), `left` (the caller left the queue),
 * `status` (status callbacks).
 */
export const CALL_EVENTS = ["call", "gather", "poll", "wait", "left", "status"] as const;
export type CallEvent = (typeof CALL_EVENTS)[number];

/** Quick replies offered in a Gather travel in its action URL (signed by Twilio with it): at most ten, one per key. */
export const MAX_OPTIONS = 10;
/** The key for the option at `index`: 1 … 9, then 0. */
export const digitOf = (index: number) => String((index + 1) % 10);

/**
 * What our URLs carry: the request's kind, the turn (the dedup sequence within a call), the options
 * offered, and on a placed call's status callback the id of the message that placed it.
 */
export const callQuerySchema = z.object({
  event: z.enum(CALL_EVENTS).default("call"),
  turn: z.coerce.number().int().min(0).max(100_000).default(0),
  option: z.array(z.string().trim().min(1).max(60)).max(MAX_OPTIONS).default([]),
  message: z.string().regex(MESSAGE_ID, "a message id").optional(),
});
export type CallQuery = z.infer<typeof callQuerySchema>;

/** The query of one of our URLs (repeated `option` parameters kept in order). */
export function callQuery(url: string): CallQuery {
  const params = URL.canParse(url) ? new URL(url).searchParams : new URLSearchParams();
  return callQuerySchema.parse({
    ...(params.has("event") && { event: params.get("event") }),
    ...(params.has("turn") && { turn: params.get("turn") }),
    ...(params.has("message") && { message: params.get("message") }),
    option: params.getAll("option"),
  });
}

/** `base` with our query: the URLs put in TwiML and in calls we place. */
export function callUrl(base: string, query: { event?: CallEvent; turn?: number; option?: readonly string[]; message?: string }): string {
  const url = new URL(base);
  for (const name of ["event", "turn", "option", "message"]) url.searchParams.delete(name);
  if (query.event && query.event !== "call") url.searchParams.set("event", query.event);
  if (query.turn) url.searchParams.set("turn", String(query.turn));
  if (query.message) url.searchParams.set("message", query.message);
  for (const option of query.option ?? []) url.searchParams.append("option", option);
  return url.toString();
}

/** The parameters every voice request carries (Twilio sends many more; these are the ones we read). */
export const callSchema = z.object({
  CallSid: sidSchema("CA"),
  From: e164Schema,
  To: e164Schema,
  Direction: z.enum(["inbound", "outbound-api", "outbound-dial"]),
  CallStatus: z.enum(CALL_STATUSES),
  CallerName: z.string().trim().max(120).optional(),
});
export type CallParams = z.infer<typeof callSchema>;

/** A Gather's result: the keys pressed, or what was said (speech recognition). */
export const gatherSchema = callSchema.extend({
  Digits: z
    .string()
    .regex(/^[0-9*#]{1,40}$/, "keys pressed: digits, * and #")
    .optional(),
  SpeechResult: z.string().trim().min(1).max(2000).optional(),
});

/** A status callback of a call. */
export const statusSchema = z.object({
  CallSid: sidSchema("CA"),
  CallStatus: z.enum(CALL_STATUSES),
  ErrorCode: z
    .string()
    .regex(/^\d{0,6}$/, "a Twilio error code")
    .optional(),
});

/** The customer's number: the caller of an incoming call, the callee of one we placed. */
export const customerOf = (call: Pick<CallParams, "Direction" | "From" | "To">) => (call.Direction === "inbound" ? call.From : call.To);

/** The part of the created call resource we read: its SID names it in later status callbacks. */
export const createdCallSchema = z.object({ sid: sidSchema("CA"), status: z.string() });
