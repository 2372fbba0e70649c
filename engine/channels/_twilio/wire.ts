/**
 * What every Twilio product (Messaging for SMS, Programmable Voice for the phone) shares on the wire:
 * ids and numbers, the REST API's basic auth and error body, and webhooks: form-encoded, signed with
 * `X-Twilio-Signature` (signature.ts). Used by the sms and phone adapters and their fakes.
 */
import { randomUUID } from "node:crypto";
import * as z from "zod";
import { wordedError } from "../../contracts/errors";
import { ChannelRequestError, type RawRequest, type Verification } from "../channel";
import { twilioSignature, twilioSignatureMatches } from "./signature";

export const TWILIO_API = "https://api.twilio.com";
export const API_VERSION = "2010-04-01";

/** An E.164 number: "+", a country code that does not start with 0, at most 15 digits in all. */
export const e164Schema = z.string().regex(/^\+[1-9]\d{6,14}$/, "an E.164 phone number such as +14155550100");
/** Twilio ids are two letters and 32 hex digits (AC… accounts, SM…/MM… messages, CA… calls, MG… messaging services). */
export const sidSchema = (...prefixes: string[]) =>
  z.string().regex(new RegExp(`^(?:${prefixes.join("|")})[0-9a-fA-F]{32}$`), `a Twilio SID: ${prefixes.join(" or ")} and 32 hex digits`);

/** Twilio's error body, e.g. `{code: 21211, message: "The 'To' number … is not a valid phone number.", more_info, status: 400}`. */
export const twilioErrorSchema = z.object({ code: z.number().nullable(), message: z.string(), more_info: z.string().optional(), status: z.number() });
export type TwilioError = z.infer<typeof twilioErrorSchema>;

export const FORM_TYPE = "application/x-www-form-urlencoded";

/** Form parameters as sent, repeats included (what the signature is computed over). */
export const formParams = (body: Buffer | string) => new URLSearchParams(typeof body === "string" ? body : body.toString("utf8"));

/** Each request's body read once: verify checks the signature over the parameters parse then reads. */
const readForms = new WeakMap<RawRequest, readonly (readonly [string, string])[]>();
const formOf = (request: RawRequest) => {
  let entries = readForms.get(request);
  if (!entries) readForms.set(request, (entries = [...formParams(request.body)]));
  return entries;
};

/** `Authorization: Basic` for the account's SID and auth token, as Twilio's API expects. */
export const basicAuth = (accountSid: string, authToken: string) => `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString("base64")}`;

/** The form parameters of a POST, in the order sent (405 for another method, 415 for another media type). */
export function formRequest(request: RawRequest): readonly (readonly [string, string])[] {
  if (request.method !== "POST") throw new ChannelRequestError(405, "method_not_allowed", "Use POST.");
  const type = (request.headers["content-type"] ?? "").split(";")[0].trim().toLowerCase();
  if (type !== FORM_TYPE) throw new ChannelRequestError(415, "unsupported_media_type", `Send Content-Type: ${FORM_TYPE}.`);
  return formOf(request);
}

/** Checks `X-Twilio-Signature` against a request to any of `urls` signed with the auth token. */
export function verifyTwilio(authToken: string, urls: readonly string[], request: RawRequest): Verification {
  const signature = request.headers["x-twilio-signature"];
  if (!signature) return { ok: false, code: "missing_signature", reason: "Twilio signs every request with X-Twilio-Signature; this one has none." };
  if (twilioSignatureMatches(authToken, signature, urls, formOf(request))) return { ok: true };
  return { ok: false, code: "invalid_signature", reason: `X-Twilio-Signature does not match a request to ${urls.join(" or ")} signed with the auth token.` };
}

export function jsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * What Twilio said when it did not take a request, for the dispatcher's log, the flow's failed output and
 * a test send on the Channels page (worded by code, for a person's language).
 */
export function twilioRefusal(status: number, text: string): Error {
  const error = twilioErrorSchema.safeParse(jsonOrNull(text));
  if (!error.success) {
    return text ? wordedError(Error, "twilio.answered", { status, answer: text.slice(0, 200) }) : wordedError(Error, "twilio.answered-empty", { status });
  }
  const { code, message } = error.data;
  return code
    ? wordedError(Error, "twilio.refused", { status, errorCode: code, said: message })
    : wordedError(Error, "twilio.answered", { status, answer: message });
}

/** A webhook as Twilio posts it: form-encoded, signed over `url` and the parameters with the auth token. */
export function signedWebhook(authToken: string, url: string, params: Record<string, string>, headers: Record<string, string> = {}): RawRequest {
  const form = new URLSearchParams(params);
  return {
    method: "POST",
    url,
    headers: {
      "content-type": `${FORM_TYPE}; charset=utf-8`,
      "user-agent": "TwilioProxy/1.1",
      "i-twilio-idempotency-token": randomUUID(),
      "x-twilio-signature": twilioSignature(authToken, url, form),
      ...headers,
    },
    body: Buffer.from(form.toString(), "utf8"),
  };
}
