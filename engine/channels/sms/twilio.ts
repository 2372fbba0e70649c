/**
 * What Twilio's Programmable Messaging looks like on the wire, shared by the adapter and the fake:
 * the Messages resource, its error body, the webhook's form parameters and message statuses.
 * https://www.twilio.com/docs/messaging/api/message-resource
 */
import { z } from "zod";

export const TWILIO_API = "https://api.twilio.com";

/** An E.164 number: "+", a country code that does not start with 0, at most 15 digits in all. */
export const e164Schema = z.string().regex(/^\+[1-9]\d{6,14}$/, "an E.164 phone number such as +14155550100");
/** Twilio ids are two letters and 32 hex digits (AC… accounts, SM…/MM… messages, MG… messaging services). */
export const sidSchema = (...prefixes: string[]) =>
  z.string().regex(new RegExp(`^(?:${prefixes.join("|")})[0-9a-fA-F]{32}$`), `a Twilio SID: ${prefixes.join(" or ")} and 32 hex digits`);
/** Twilio's limit on a message body (longer ones are refused with error 21617). */
export const BODY_LIMIT = 1600;

/** The Messages resource of an account: POST creates (sends) a message. */
export const messagesPath = (accountSid: string) => `/2010-04-01/Accounts/${accountSid}/Messages.json`;

/** Twilio's error body, e.g. `{code: 21211, message: "The 'To' number … is not a valid phone number.", more_info, status: 400}`. */
export const twilioErrorSchema = z.object({ code: z.number().nullable(), message: z.string(), more_info: z.string().optional(), status: z.number() });
export type TwilioError = z.infer<typeof twilioErrorSchema>;

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

export const FORM_TYPE = "application/x-www-form-urlencoded";

/** Form parameters as sent, repeats included (what the signature is computed over). */
export const formParams = (body: Buffer | string) => new URLSearchParams(typeof body === "string" ? body : body.toString("utf8"));

/** `Authorization: Basic` for the account's SID and auth token, as Twilio's API expects. */
export const basicAuth = (accountSid: string, authToken: string) => `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;
