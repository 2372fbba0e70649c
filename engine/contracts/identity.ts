import * as z from "zod";

/** What a customer identity is: a phone (E.164, shared by the phone channels), an e-mail, or a channel's own id. */
export type IdentityKind = "phone" | "email" | "channel";

/** Channels that address a customer by their phone number: the same number on any of them is one customer. */
export const PHONE_CHANNELS: readonly string[] = ["sms", "whatsapp", "phone"];

/** The identity kind a channel's addresses fall back to when the customer is not known on the channel itself. */
export const kindOfChannel = (channel: string): "phone" | "email" | null => (PHONE_CHANNELS.includes(channel) ? "phone" : channel === "email" ? "email" : null);

/** An identity as stored: its kind and normalised value. */
type KindedIdentity = { kind: string; value: string };

/** Identity kinds a person can read and use to reach the customer, in the order they are shown instead of a name. */
export const READABLE_KINDS = ["email", "phone"] as const;

/**
 * What people call a customer: their name, else the first e-mail they are known by, else the first phone
 * number; null when none is known (a per-channel id such as a chat widget's visitor id means nothing to
 * an operator). `identities` oldest first.
 * @example knownAs({ name: null, identities: [{ kind: "channel", value: "" }, { kind: "email", value: "ann@example.com" }] }) // "ann@example.com"
 */
export function knownAs(customer: { name: string | null; identities: readonly KindedIdentity[] }): string | null {
  if (customer.name) return customer.name;
  for (const kind of READABLE_KINDS) {
    const identity = customer.identities.find((i) => i.kind === kind && i.value);
    if (identity) return identity.value;
  }
  return null;
}

/** Identities as people see them: the channel and the address there (what `knownAs` read is not shown again). */
export const shownIdentities = (identities: readonly { channel: string; address: string }[]) =>
  identities.map(({ channel, address }) => ({ channel, address }));

/** An identifier a customer gave (typed in a chat, left in the widget, shared as a contact). */
export const givenIdentitySchema = z.object({ kind: z.enum(["phone", "email"]), value: z.string().trim().min(1).max(254) });
export type GivenIdentity = z.infer<typeof givenIdentitySchema>;

/** Where a merge suggestion's identifier came from. */
export type IdentitySource = "text" | "contact" | "widget";

// Made on first use: an Intl object cannot be part of the server's start-up snapshot (scripts/build-server.ts).
let regionNames: Intl.DisplayNames | undefined;
const regionName = (code: string) => (regionNames ??= new Intl.DisplayNames(["en"], { type: "region", fallback: "none" })).of(code);

/**
 * The region phone numbers without a country code are read in (`identity.defaultRegion`): an ISO
 * 3166-1 alpha-2 code such as "US" or "RU".
 */
export const defaultRegionSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, "an ISO 3166 country code of two letters, such as US")
  .refine((code) => !/^[A-Z]{2}$/.test(code) || regionName(code) !== undefined, "not an ISO 3166 country code")
  .default("US");

export const mergeSuggestionIdSchema = z.string().trim().min(1).max(100);
export const mergeIdSchema = z.string().trim().min(1).max(100);

/** One page of a customer's timeline: newest first, `cursor` is the last page's `nextCursor`. */
export const timelinePageSchema = z.object({
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type TimelinePage = z.input<typeof timelinePageSchema>;

/** The limits of one CSV import. */
export const CSV_IMPORT_LIMITS = { bytes: 5 * 1024 * 1024, rows: 50_000, columns: 50 } as const;
export const csvImportSchema = z.object({ csv: z.string().min(1).max(CSV_IMPORT_LIMITS.bytes) });
