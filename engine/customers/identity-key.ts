import { type CountryCode, getCountries, getCountryCallingCode, parsePhoneNumberFromString } from "libphonenumber-js";
import { type IdentityKind, kindOfChannel } from "../contracts/identity";

/** The key a customer is looked up by: one phone (E.164) across phone channels, one e-mail, or a per-channel id. */
export type IdentityKey = { kind: IdentityKind; value: string };

/** Longest text taken as a phone number or an e-mail (RFC 5321 caps an address at 254). */
const MAX_PHONE = 40;
const MAX_EMAIL = 254;
const EMAIL = /^[^\s@]{1,64}@[^\s@.]{1,63}(?:\.[^\s@.]{1,63})+$/;

/**
 * Numbers already read, per region: libphonenumber's parse and validity check cost tens of µs, and the
 * same customers write again and again (and each message's address is normalised more than once).
 * Bounded: emptied when full, and by every erasure (an erased customer's number must not stay in memory).
 */
const readPhones = new Map<string, string | null>();
const READ_PHONES_KEPT = 20_000;

/** Empties the numbers already read (engine/privacy, after erasing a customer). */
export const forgetReadPhones = () => readPhones.clear();

/** A phone number as E.164 ("+14155550100"), read in `region` when it has no country code; null when it is not a valid number. */
export function normalisePhone(text: string, region: string): string | null {
  if (text.length > MAX_PHONE) return null;
  const key = `${region} ${text}`;
  const known = readPhones.get(key);
  if (known !== undefined) return known;
  const parsed = parsePhoneNumberFromString(text, { defaultCountry: region as CountryCode });
  const phone = parsed?.isValid() ? parsed.number : null;
  if (readPhones.size >= READ_PHONES_KEPT) readPhones.clear();
  readPhones.set(key, phone);
  // An E.164 number reads as itself in any region: the next look-up of the normal form is known too.
  if (phone) readPhones.set(`${region} ${phone}`, phone);
  return phone;
}

/** "+", a country code that does not start with 0, at most 15 digits in all: how providers write a sender's number. */
const E164 = /^\+[1-9]\d{6,14}$/;
/** The country calling codes libphonenumber knows ("1", "44", "7" ...): made on first use, not as this module loads. */
let callingCodes: Set<string> | null = null;
/** Whether the digits start with a known calling code (calling codes are prefix-free: at most one of 1-3 digits can). */
function knownCallingCode(digits: string): boolean {
  callingCodes ??= new Set(getCountries().map((country) => getCountryCallingCode(country)));
  return callingCodes.has(digits.slice(0, 1)) || callingCodes.has(digits.slice(0, 2)) || callingCodes.has(digits.slice(0, 3));
}

/**
 * A phone channel's sender address as E.164. Providers give the number a carrier routed, already in E.164
 * (Twilio's From, WhatsApp's wa_id with its "+"): it is kept as it is when its calling code is known, without
 * libphonenumber's validity check, which costs ~45 µs a new number and whose metadata lags newly allocated
 * ranges (a real customer's SMS and WhatsApp would then not be recognised as one). Anything else is read as
 * a typed number is (`normalisePhone`).
 */
export function normaliseSenderPhone(address: string, region: string): string | null {
  if (E164.test(address) && knownCallingCode(address.slice(1))) return address;
  return normalisePhone(address, region);
}

/** An e-mail address trimmed and lower-cased; null when it does not look like one. */
export function normaliseEmail(text: string): string | null {
  const email = text.trim().toLowerCase();
  return email.length <= MAX_EMAIL && EMAIL.test(email) ? email : null;
}

/** A phone or e-mail as its normalised key; null when the value is not one. */
export function normaliseIdentity(kind: "phone" | "email", value: string, region: string): { kind: "phone" | "email"; value: string } | null {
  const normal = kind === "phone" ? normalisePhone(value, region) : normaliseEmail(value);
  return normal === null ? null : { kind, value: normal };
}

/**
 * How a channel address is keyed: on a phone channel a sender's number is a phone identity
 * (`normaliseSenderPhone`; an alphanumeric sender or a short code stays the channel's own id), on e-mail an address is an
 * e-mail identity; messenger and web chat ids are kept as given, per channel.
 */
export function channelKey(channel: string, address: string, region: string): IdentityKey {
  const kind = kindOfChannel(channel);
  if (kind === "phone") {
    const phone = normaliseSenderPhone(address, region);
    return phone === null ? { kind: "channel", value: address } : { kind, value: phone };
  }
  return (kind && normaliseIdentity(kind, address, region)) || { kind: "channel", value: address };
}

/** The channel an identity given without one (a typed e-mail, an imported phone) is filed under. */
export const channelOfKind = (kind: "phone" | "email"): string => (kind === "phone" ? "phone" : "email");
