/**
 * What Twilio's Programmable Messaging looks like on the wire, shared by the adapter and the fake:
 * the Messages resource, its error body, the webhook's form parameters and message statuses.
 * https://www.twilio.com/docs/messaging/api/message-resource
 */
import * as z from "zod";
import { sidSchema } from "../_twilio/wire";
/** Twilio's limit on a message body (longer ones are refused with error 21617). */
export const BODY_LIMIT = 1600;

/** The Messages resource of an account: POST creates (sends) a message. */
export const messagesPath = (accountSid: string) => `/2010-04-01/Accounts/${accountSid}/Messages.json`;

/** The part of the created message resource we read: its SID names it in later status callbacks. */
export const createdMessageSchema = z.object({ sid: sidSchema("SM", "MM"), status: z.string() });

/** Every value of `MessageStatus` Twilio documents, outbound and inbound. */
export const MESSAGE_STATUSES = [
  "queued",
  "sending",
  "sent",
  "failed",
  "delivered",
  "undelivered",
  "receiving",
  "received",
  "accepted",
  "scheduled",
  "read",
  "partially_delivered",
  "canceled",
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Twilio's default keywords (https://www.twilio.com/docs/messaging/tutorials/advanced-opt-out): the whole message, any case. */
const OPT_OUT = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"]);
const OPT_IN = new Set(["START", "YES", "UNSTOP"]);
export type Consent = "opted-out" | "opted-in";

/** The consent a message gives or withdraws: on these words Twilio stops (or resumes) delivering to the sender. */
export function consentKeyword(body: string): Consent | undefined {
  const word = body
    .trim()
    .replace(/[.!]+$/, "")
    .toUpperCase();
  if (OPT_OUT.has(word)) return "opted-out";
  if (OPT_IN.has(word)) return "opted-in";
  return undefined;
}

/** The `OptOutType` parameter Advanced Opt-Out adds to the webhook (HELP changes nothing). */
export const CONSENT_OF_TYPE: Record<"STOP" | "START" | "HELP", Consent | undefined> = { STOP: "opted-out", START: "opted-in", HELP: undefined };
