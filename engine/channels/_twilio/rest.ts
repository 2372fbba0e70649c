/**
 * Twilio's REST API as both sides see it: our adapters creating a resource (a message, a call) through
 * `deps.http`, and the fakes answering such a request as Twilio does (basic auth, the resource's path,
 * POST, Twilio's error body).
 */
import type { z } from "zod";
import type { ChannelDeps } from "../channel";
import { wordedError } from "../../contracts/errors";
import type { OutboundRequest, OutboundResponse } from "../../contracts/outbound";
import { basicAuth, FORM_TYPE, formParams, jsonOrNull, TWILIO_API, type TwilioError, twilioRefusal } from "./wire";

/** An account's resource collection (`/2010-04-01/Accounts/<sid>/Messages.json`) as the account. */
export type TwilioResource = { url: string; authorization: string };

export const twilioResource = (baseUrl: string, path: string, accountSid: string, authToken: string): TwilioResource => ({
  url: `${baseUrl.replace(/\/+$/, "")}${path}`,
  authorization: basicAuth(accountSid, authToken),
});

/** How long a call to Twilio's API may take before it is abandoned. */
export const REQUEST_TIMEOUT_SECONDS = 10;

/**
 * POSTs `form` to create a resource; returns its SID. A refusal throws what Twilio said (the flow's
 * failed output); a 5xx or a timeout throws too, and the dispatcher retries.
 */
export async function createResource(http: ChannelDeps["http"], resource: TwilioResource, form: URLSearchParams, created: z.ZodType<{ sid: string }>) {
  const response = await http({
    url: resource.url,
    method: "POST",
    headers: { authorization: resource.authorization, "content-type": FORM_TYPE, accept: "application/json" },
    body: form.toString(),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_SECONDS * 1000),
    maxBodyBytes: 64 * 1024,
  });
  if (response.status !== 201 && response.status !== 200) throw twilioRefusal(response.status, response.text);
  const answer = created.safeParse(jsonOrNull(response.text));
  if (!answer.success) throw wordedError(Error, "twilio.no-sid", { status: response.status });
  return answer.data.sid;
}

/** A JSON answer from the fake Twilio. */
export const fakeJson = (status: number, body: unknown): OutboundResponse => ({
  status,
  url: TWILIO_API,
  contentType: "application/json; charset=utf-8",
  text: JSON.stringify(body),
  truncated: false,
});

/** Twilio's error answer: its status, code, message and the docs link it always carries. */
export const fakeRefusal = (status: number, code: number, message: string, extra: Record<string, string> = {}) =>
  fakeJson(status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status, ...extra } satisfies TwilioError);

/** The fake's checks of an API call, in Twilio's order: credentials (401), path (404), method (405); else its form. */
export function acceptedCall(
  request: Pick<OutboundRequest, "url" | "method" | "headers" | "body">,
  account: { accountSid: string; authToken: string },
  path: string,
): OutboundResponse | URLSearchParams {
  const asked = new URL(request.url).pathname;
  if (request.headers.authorization !== basicAuth(account.accountSid, account.authToken)) {
    return fakeRefusal(401, 20003, "Authenticate", { detail: "Your AccountSid or AuthToken was incorrect." });
  }
  if (asked !== path) return fakeRefusal(404, 20404, `The requested resource ${asked} was not found`);
  if (request.method !== "POST") return fakeRefusal(405, 20004, "Method not allowed");
  return formParams(request.body ?? "");
}
