/**
 * Twilio's request signature (`X-Twilio-Signature`), computed exactly as Twilio and its SDKs do:
 * base64(HMAC-SHA1(auth token, URL + each POST parameter name+value)), names sorted, and a name's
 * values sorted with repeats counted once (twilio-node `toFormUrlEncodedParam`, twilio-python
 * `compute_signature`). Vectors: twilio-node spec/validation.spec.js, twilio-python
 * tests/unit/test_request_validator.py (both reproduced in signature.test.ts).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { parse as parseLegacyQuery, stringify as stringifyLegacyQuery } from "node:querystring";

/** Form parameters in the order they came, repeats included (`URLSearchParams` entries). */
export type FormParams = Iterable<readonly [string, string]>;

/** The string Twilio signs: the URL, then per name (sorted) its distinct values (sorted). */
function signedString(url: string, params: FormParams): string {
  const byName = new Map<string, Set<string>>();
  for (const [name, value] of params) byName.set(name, (byName.get(name) ?? new Set()).add(value));
  // Plain `sort()` (UTF-16 code units), as twilio-node sorts.
  const names = [...byName.keys()].sort();
  return names.reduce((data, name) => data + [...(byName.get(name) ?? [])].sort().reduce((acc, value) => acc + name + value, ""), url);
}

/** The signature Twilio sends for a request to `url` with these parameters. */
export function twilioSignature(authToken: string, url: string, params: FormParams): string {
  return createHmac("sha1", authToken)
    .update(Buffer.from(signedString(url, params), "utf8"))
    .digest("base64");
}

/** The URL's parts without normalising it: the string Twilio signed keeps `'` and `+` as they are. */
function splitUrl(url: string): { scheme: string; userInfo: string; host: string; port: string; rest: string } | null {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i.exec(url);
  if (!match) return null;
  const [prefix, scheme, authority] = match;
  const at = authority.lastIndexOf("@");
  const hostPort = authority.slice(at + 1);
  // A colon starts the port only after an IPv6 literal's closing bracket.
  const colon = hostPort.indexOf(":", hostPort.lastIndexOf("]") + 1);
  const host = colon === -1 ? hostPort : hostPort.slice(0, colon);
  return { scheme, userInfo: authority.slice(0, at + 1), host, port: colon === -1 ? "" : hostPort.slice(colon), rest: url.slice(prefix.length) };
}

const withoutPort = (url: string) => {
  const p = splitUrl(url);
  return p ? p.scheme + p.userInfo + p.host + p.rest : url;
};
const withPort = (url: string) => {
  const p = splitUrl(url);
  if (!p || p.port) return url;
  return p.scheme + p.userInfo + p.host + (p.scheme.toLowerCase() === "https://" ? ":443" : ":80") + p.rest;
};
/** The query re-encoded as Node's legacy `querystring` does (`%27` and `'` become one form). */
function withLegacyQuery(url: string): string {
  const q = url.indexOf("?");
  return q === -1 || q === url.length - 1 ? url : `${url.slice(0, q)}?${stringifyLegacyQuery(parseLegacyQuery(url.slice(q + 1)))}`;
}

/**
 * The URLs a signature for `url` may have been computed over. Twilio's signer is inconsistent about
 * the port (`:443` / `:80` present or not) and about escaping in the query, so, like twilio-node's
 * `validateRequest`, the URL as received with and without its port comes first, then the URL as
 * `new URL()` normalises it, with and without the port, each also with the legacy query encoding.
 */
export function signedUrlCandidates(url: string): string[] {
  const candidates = [withoutPort(url), withPort(url)];
  const normalized = URL.canParse(url) ? new URL(url).toString() : null;
  if (normalized) {
    const forms = [withoutPort(normalized), withPort(normalized)];
    candidates.push(...forms, ...forms.map(withLegacyQuery));
  }
  return [...new Set(candidates)];
}

/** Whether `signature` is Twilio's for a request to any of `urls` (each in all its variants); compared in constant time. */
export function twilioSignatureMatches(authToken: string, signature: string, urls: readonly string[], params: FormParams): boolean {
  const given = Buffer.from(signature, "utf8");
  const pairs = [...params];
  return urls.flatMap(signedUrlCandidates).some((candidate) => {
    const expected = Buffer.from(twilioSignature(authToken, candidate, pairs), "utf8");
    // The length of an HMAC-SHA1 in base64 is fixed and no secret, so checking it first leaks nothing.
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}
