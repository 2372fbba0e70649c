/**
 * TwiML, the XML a voice webhook answers with (https://www.twilio.com/docs/voice/twiml): the few
 * verbs the phone channel speaks. Every text and URL is escaped, so a customer's or a flow's
 * `<`, `&` or quotes stay words and can never become verbs.
 */
import type { ChannelAnswer } from "../channel";

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
/** Characters XML 1.0 does not allow (control characters other than tab and line breaks, lone surrogates, U+FFFE/U+FFFF). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text as XML character data or an attribute value. */
export const escapeXml = (text: string) => text.replace(NOT_XML, "").replace(/[&<>"']/g, (c) => ENTITIES[c]);

type Attributes = Record<string, string | number | undefined>;
const attributes = (a: Attributes) =>
  Object.entries(a)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXml(String(value))}"`)
    .join("");

/** How `<Say>` and `<Gather>` speak and listen (Twilio's language code, an optional voice such as Polly.Joanna). */
export type Speech = { language: string; voice?: string };

/** Twilio speaks at most 4,096 characters per `<Say>`. */
const SAY_LIMIT = 4096;

export const say = (text: string, speech: Speech) =>
  `<Say${attributes({ voice: speech.voice, language: speech.language })}>${escapeXml(text.slice(0, SAY_LIMIT))}</Say>`;
export const pause = (seconds: number) => `<Pause length="${seconds}"/>`;
export const redirect = (url: string) => `<Redirect method="POST">${escapeXml(url)}</Redirect>`;
export const hangup = () => "<Hangup/>";
export const leave = () => "<Leave/>";

/** Listens for keys and speech while (and after) `inner` is spoken; the result is posted to `action`. */
export const gather = (a: { action: string; numDigits?: number; timeout: number; language: string }, inner: string[]) =>
  `<Gather${attributes({
    input: "dtmf speech",
    action: a.action,
    method: "POST",
    numDigits: a.numDigits,
    finishOnKey: a.numDigits ? undefined : "#",
    timeout: a.timeout,
    language: a.language,
  })}>${inner.join("")}</Gather>`;

/** Puts the caller in a named queue; `waitUrl` is asked for what they hear meanwhile, `action` when they leave it. */
export const enqueue = (queue: string, a: { action: string; waitUrl: string }) =>
  `<Enqueue${attributes({ action: a.action, method: "POST", waitUrl: a.waitUrl, waitUrlMethod: "POST" })}>${escapeXml(queue)}</Enqueue>`;

/** A whole TwiML document (what an inline `Twiml` parameter of a call holds). */
export const twimlDocument = (verbs: string[]) => `<?xml version="1.0" encoding="UTF-8"?><Response>${verbs.join("")}</Response>`;

/** The webhook's answer. */
export const twimlAnswer = (verbs: string[]): ChannelAnswer => ({ status: 200, contentType: "text/xml; charset=utf-8", body: twimlDocument(verbs) });
