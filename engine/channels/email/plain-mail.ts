/**
 * Plain mail read on the spot. Most customer mail is one text part with a few plain headers. The worker's
 * round trip (mime-worker.ts) costs more than reading such a mail, and mailparser's cost more than the rest of
 * its intake. So a mail of exactly that shape is read here, the way mailparser reads it: the same libmime
 * decodes its header values, and a test holds the two readers' answers equal on every sample. Anything else
 * (multipart, HTML, attachments, other charsets, folded or 8-bit headers, unusual addresses) gets null and goes
 * to mailparser.
 */
import { isAscii } from "node:buffer";
import { createRequire } from "node:module";
import type libmimeModule from "libmime";
import type { MailAddress, ReadMail } from "./read-mail";

type Decoders = { libmime: typeof libmimeModule; libqp: { decode(text: string): Buffer } };
let loaded: Decoders | undefined;
/** mailparser's own libmime, so header values decode as in the worker; loaded with the first mail (~50 ms: not at start). */
function decoders(): Decoders {
  if (!loaded) {
    const fromMailparser = createRequire(createRequire(import.meta.url).resolve("mailparser"));
    loaded = { libmime: fromMailparser("libmime"), libqp: fromMailparser("libqp") };
  }
  return loaded;
}

/** Larger mail goes to the worker: reading it here would hold up the event loop. */
const MAX_BYTES = 32 * 1024;
const READ = new Set([
  "from",
  "to",
  "cc",
  "subject",
  "message-id",
  "in-reply-to",
  "references",
  "date",
  "auto-submitted",
  "content-type",
  "content-transfer-encoding",
]);
/** Headers that could make mailparser read the part otherwise (an attachment, a different structure). */
const REFUSED = new Set(["content-disposition", "content-id", "content-location"]);
const HEADER_LINE = /^([!-9;-~]+):[ \t]*(.*)$/;
/** `addr@host`, `Name <addr@host>` or `"Name" <addr@host>`: the forms whose meaning no parser differs on. */
const MAILBOX = String.raw`([A-Za-z0-9!#$%&'*+/=^_\`{|}~.-]+@[A-Za-z0-9.-]+)`;
const ADDRESS = new RegExp(String.raw`^(?:([A-Za-z0-9.'_-]+(?: [A-Za-z0-9.'_-]+)*) <${MAILBOX}>|"([^"\,]*)" <${MAILBOX}>|${MAILBOX})$`);
const BASE64_BODY = /^[A-Za-z0-9+/=\r\n]*$/;
const ID = /^<[^\s<>]+>$/;

/** The mail as the worker would hand it back, or null when it is not plain enough to be sure. */
export function readPlainMail(raw: Buffer): ReadMail | null {
  if (!Buffer.isBuffer(raw) || raw.length > MAX_BYTES) return null;
  const end = raw.indexOf("\r\n\r\n");
  if (end <= 0) return null;
  const head = raw.toString("latin1", 0, end);
  // Printable ASCII lines only, and no folding: anything else is for mailparser to read.
  if (!/^[\x20-\x7e]+(?:\r\n[!-9;-~][\x20-\x7e]*)*$/.test(head)) return null;
  const headers = new Map<string, string>();
  for (const line of head.split("\r\n")) {
    const match = HEADER_LINE.exec(line);
    if (!match) return null;
    const key = match[1].toLowerCase();
    if (REFUSED.has(key) || (READ.has(key) && headers.has(key))) return null;
    if (READ.has(key)) headers.set(key, match[2].trim());
  }
  const type = contentType(headers.get("content-type"));
  if (type === undefined) return null;
  const text = bodyText(headers, raw.subarray(end + 4));
  const from = addresses(headers.get("from"));
  const to = addresses(headers.get("to"));
  const cc = addresses(headers.get("cc"));
  const ids = messageIds(headers);
  const date = dateOf(headers.get("date"));
  if (text === undefined || !from || !to || !cc || !ids || date === undefined) return null;
  const subject = headers.get("subject");
  return {
    contentType: type,
    autoSubmitted: headers.get("auto-submitted") || "no",
    from,
    to,
    cc,
    subject: subject ? decoded(subject) : null,
    ...ids,
    // mailparser has no text for an empty part.
    text: text || null,
    date,
    attachments: [],
    returnedHeaders: null,
  };
}

// Mail comes with few distinct Content-Types: each is parsed once (a bounded cache).
const contentTypes = new Map<string, ReadMail["contentType"] | undefined>();

/** The Content-Type as mailparser gives it; undefined unless it is text/plain in UTF-8 or ASCII (or absent: the same). */
function contentType(header: string | undefined): ReadMail["contentType"] | undefined {
  if (header === undefined) return null;
  if (contentTypes.has(header)) return contentTypes.get(header);
  const { value, params } = decoders().libmime.parseHeaderValue(header, { stripComments: true });
  const charset = (params.charset ?? "utf-8").toLowerCase().replace(/[^a-z0-9]+/g, "");
  const plain = value.toLowerCase() === "text/plain" && Object.keys(params).every((n) => n === "charset") && ["utf8", "usascii", "ascii"].includes(charset);
  // Shared by every mail with this header: frozen, so no reader can change it for the next.
  const read = plain ? Object.freeze({ value, params: Object.freeze({ ...params }) }) : undefined;
  if (contentTypes.size >= 64) contentTypes.clear();
  contentTypes.set(header, read);
  return read;
}

/** Header text with its RFC 2047 encoded words decoded (text without any is as it was). */
const decoded = (text: string) => (text.includes("=?") ? decoders().libmime.decodeWords(text) : text);

/** The text of the single part, as mailparser decodes it; undefined when it is encoded in a way left to mailparser. */
function bodyText(headers: Map<string, string>, body: Buffer): string | undefined {
  const encoding = (headers.get("content-transfer-encoding") || "7bit").toLowerCase();
  let bytes: Buffer;
  if (encoding === "7bit" || encoding === "8bit" || encoding === "binary") bytes = body;
  else if (encoding === "base64" && BASE64_BODY.test(body.toString("latin1"))) bytes = Buffer.from(body.toString("latin1"), "base64");
  else if (encoding === "quoted-printable" && isAscii(body)) bytes = decoders().libqp.decode(body.toString("latin1"));
  else return undefined;
  return bytes.toString("utf8").replace(/\r?\n/g, "\n");
}

/** A To, From or Cc header's addresses, null when one is in a form left to mailparser. */
function addresses(header: string | undefined): MailAddress[] | null {
  if (header === undefined) return [];
  const read: MailAddress[] = [];
  for (const entry of header.split(",")) {
    const match = ADDRESS.exec(entry.trim());
    if (!match) return null;
    const name = (match[1] ?? match[3] ?? "").trim();
    read.push({ address: match[2] ?? match[4] ?? match[5], name: decoded(name) });
  }
  return read;
}

/** Message-ID, In-Reply-To and References, each `<id>` as mailparser keeps them. */
function messageIds(headers: Map<string, string>): Pick<ReadMail, "messageId" | "inReplyTo" | "references"> | null {
  const messageId = headers.get("message-id") ?? null;
  const inReplyTo = headers.get("in-reply-to") ?? null;
  const references = headers.get("references")?.split(/\s+/) ?? [];
  if ([messageId, inReplyTo, ...references].some((id) => id !== null && !ID.test(id))) return null;
  return { messageId, inReplyTo, references };
}

/** ms since the epoch; undefined for a date mailparser would replace by the time it read the mail. */
function dateOf(header: string | undefined): number | null | undefined {
  if (header === undefined) return null;
  const ms = new Date(header).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}
