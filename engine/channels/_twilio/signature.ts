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

/** What Twilio signs after the URL: per name (sorted) its distinct values (sorted), each as name + value. */
function signedParams(params: FormParams): string {
  const byName = new Map<string, string[]>();
  for (const [name, value] of params) {
    const values = byName.get(name);
    if (!values) byName.set(name, [value]);
    else if (!values.includes(value)) values.push(value);
  }
  // Plain `sort()` (UTF-16 code units), as twilio-node sorts.
  let data = "";
  for (const name of [...byName.keys()].sort()) {
    const values = byName.get(name) as string[];
    if (values.length > 1) values.sort();
    for (const value of values) data += name + value;
  }
  return data;
}

const hmac = (authToken: string, signed: string) => createHmac("sha1", authToken).update(signed, "utf8").digest("base64");

/** The signature Twilio sends for a request to `url` with these parameters. */
export function twilioSignature(authToken: string, url: string, params: FormParams): string {
  return hmac(authToken, url + signedParams(params));
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
 * The URLs a signature for `url` may have been computed over, most likely first. Twilio's signer is
 * inconsistent about the port (`:443` / `:80` present or not) and about escaping in the query, so,
 * like twilio-node's `validateRequest`, the URL as received (as is, then without and with its port)
 * comes first, then the URL as `new URL()` normalises it, with and without the port, each also with
 * the legacy query encoding. Lazy: a request signed over the URL as received costs no more.
 */
function* candidatesOf(url: string): Generator<string> {
  const seen = new Set<string>();
  const fresh = (candidate: string) => !seen.has(candidate) && Boolean(seen.add(candidate));
  for (const candidate of [url, withoutPort(url), withPort(url)]) if (fresh(candidate)) yield candidate;
  if (!URL.canParse(url)) return;
  const normalized = new URL(url).toString();
  const forms = [withoutPort(normalized), withPort(normalized)];
  for (const candidate of [...forms, ...forms.map(withLegacyQuery)]) if (fresh(candidate)) yield candidate;
}

export const signedUrlCandidates = (url: string): string[] => [...candidatesOf(url)];

/** Whether `signature` is Twilio's for a request to any of `urls` (each in all its variants); compared in constant time. */
export function twilioSignatureMatches(authToken: string, signature: string, urls: readonly string[], params: FormParams): boolean {
  const given = Buffer.from(signature, "utf8");
  const signed = signedParams(params);
  for (const url of urls) {
    for (const candidate of candidatesOf(url)) {
      const expected = Buffer.from(hmac(authToken, candidate + signed), "utf8");
      // The length of an HMAC-SHA1 in base64 is fixed and no secret, so checking it first leaks nothing.
      if (expected.length === given.length && timingSafeEqual(expected, given)) return true;
    }
  }
  return false;
}
