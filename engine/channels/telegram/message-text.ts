/**
 * A Telegram message as one line of text for the conversation: what the customer typed, or what
 * they shared ("[location 48.85,2.35]", "[document invoice.pdf] my invoice"), so flows and
 * operators read every kind of message the same way.
 */
import { NAMED_MEDIA, type TelegramMessage } from "./bot-api";

/** "First Last", or null when Telegram gave no name. */
export const fullName = (who: { first_name?: string; last_name?: string } | undefined): string | null =>
  [who?.first_name, who?.last_name].filter(Boolean).join(" ").trim().slice(0, 120) || null;

/** The message as text, or null for a message without content a customer wrote (a member joined, a pin ...). */
export function messageText(m: TelegramMessage): string | null {
  if (m.text) return m.text;
  const caption = m.caption ? ` ${m.caption}` : "";
  if (m.contact) return `[contact ${m.contact.phone_number}${fullName(m.contact) ? ` ${fullName(m.contact)}` : ""}]`;
  if (m.location) return `[location ${m.location.latitude},${m.location.longitude}]`;
  if (m.document) return `[document ${m.document.file_name ?? "file"}]${caption}`;
  const kind = NAMED_MEDIA.find((k) => m[k] !== undefined);
  if (kind) return `[${kind.replace("_", " ")}]${caption}`;
  return null;
}

/**
 * The customer's own phone, when they shared their contact (the "share my number" button sends the
 * sender's card; a card of someone else is only text). In E.164 with "+", as phone channels give it.
 */
export function ownPhone(m: TelegramMessage): string | undefined {
  if (!m.contact || m.contact.user_id === undefined || m.contact.user_id !== m.from?.id) return undefined;
  const digits = m.contact.phone_number.replace(/[\s().-]/g, "");
  const phone = digits.startsWith("+") ? digits : `+${digits}`;
  return /^\+[1-9]\d{6,14}$/.test(phone) ? phone : undefined;
}
