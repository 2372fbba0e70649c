import type { GivenIdentity } from "../contracts/identity";
import { normaliseEmail, normalisePhone } from "./identity-key";

/** Only the start of a long message is looked at, and only so many identifiers are taken from one. */
const SCANNED_CHARS = 4000;
const MAX_FOUND = 5;

// Bounded repetitions and no nested quantifiers: each start position is tried in constant work, so a
// message of any shape is scanned in linear time. Domain labels exclude the dot that separates them.
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,8}/g;
const PHONE_IN_TEXT = /\+?\(?\d[\d ()\-.]{5,20}\d/g;
const DIGITS = /\d/g;

/**
 * E-mail addresses and phone numbers (valid in `region` or with a country code) a customer wrote in
 * a message, normalised, each once: "write me at Ann@Example.com or +1 (415) 555-0100".
 */
export function findIdentifiers(text: string, region: string): GivenIdentity[] {
  const scanned = text.slice(0, SCANNED_CHARS);
  const found = new Map<string, GivenIdentity>();
  const add = (kind: GivenIdentity["kind"], value: string | null) => {
    if (value && found.size < MAX_FOUND) found.set(`${kind}:${value}`, { kind, value });
  };
  if (scanned.includes("@")) for (const [match] of scanned.matchAll(EMAIL_IN_TEXT)) add("email", normaliseEmail(match));
  // A phone number has at least 7 digits; most messages have fewer and are not scanned for one.
  if ((scanned.match(DIGITS)?.length ?? 0) >= 7) {
    for (const [match] of scanned.matchAll(PHONE_IN_TEXT)) if ((match.match(DIGITS)?.length ?? 0) >= 7) add("phone", normalisePhone(match.trim(), region));
  }
  return [...found.values()];
}
