/**
 * The channel adapter contract: what a channel (web chat, a messenger, an SMS provider) gives the
 * engine. Adapters see the provider's request as raw bytes, so they can check signatures over
 * exactly what was sent; they know nothing of HTTP servers, the database or flows.
 */
import type { z } from "zod";
import type { Channel } from "../contracts/events";
import type { GivenIdentity } from "../contracts/identity";
import type { OutboundHttp } from "../contracts/outbound";

/** A customer message after the channel adapter has normalised the provider's payload. */
export type InboundMessage = {
  channel: Channel;
  /** The provider's message id: the deduplication key. */
  providerMessageId: string;
  /** How the customer is known on the channel (visitor id, phone, chat id ...). */
  address: string;
  name: string | null;
  text: string;
  /** Start this flow (e.g. a chat widget embedded for one flow) instead of picking by trigger. */
  flowId?: string;
  /** The message was a consent keyword (SMS STOP / START): the provider stops or resumes delivering to this address. */
  consent?: "opted-out" | "opted-in";
  /** Identifiers the channel vouches are the sender's own (a Telegram contact they shared of themselves): filed under them. */
  identities?: GivenIdentity[];
  /** Threaded channels (e-mail): what the message answers, so it joins that conversation rather than the address's latest. */
  thread?: InboundThread;
};

/**
 * How a threaded channel's message names the conversation it belongs to. Intake looks the sender's
 * conversations up by `replyTo` (a message received or sent in it), then by `token`; a thread of
 * another customer is never joined (both are visible to whoever holds the mail).
 */
export type InboundThread = {
  /** Provider ids of the messages it answers, nearest first (e-mail: In-Reply-To, then References newest first). */
  replyTo: string[];
  /** The reply token an earlier message of ours carried (our conversation id), found in the address or subject. */
  token: string | null;
  /** Kept with the message, so a reply can repeat it ("Re: …"). */
  subject: string | null;
};

/** A message leaving through a channel; `key` is stable across retries (idempotency key). */
export type OutboundMessage = {
  key: string;
  messageId: string;
  conversationId: string;
  channel: Channel;
  address: string;
  text: string;
  /** Quick replies offered with the message (adapters without `quickReplies` get them spelled out). */
  buttons?: string[];
  /** The customer's latest message in the conversation, which this one answers (e-mail threads on it: In-Reply-To, "Re: subject"). */
  inReplyTo?: { providerMessageId: string; subject: string | null };
};

/** An inbound HTTP request exactly as the provider sent it: signatures are checked over these bytes. */
export type RawRequest = {
  method: string;
  /** The absolute URL as the server saw it: `scheme://host[:port]/path?query`. */
  url: string;
  /** Header names in lower case; repeated headers joined with ", ". */
  headers: Record<string, string | undefined>;
  body: Buffer;
};

/** A refusal is answered 401 with `code` (default `invalid_signature`) and `reason` as its message. */
export type Verification = { ok: true } | { ok: false; reason: string; code?: string };

/** A provider's report about a message we sent (identified by the id the provider gave at send). */
export type DeliveryStatus = {
  channel: Channel;
  providerMessageId: string;
  status: "sent" | "delivered" | "read" | "failed";
  error: string | null;
  /** When the provider says it happened (ms), if it says. */
  at: number | null;
  /**
   * Our id of the message, when the provider echoes it (a call's status callback URL carries it): finds
   * a message whose send's answer was lost, so it has no provider id yet.
   */
  messageId?: string;
};

/** A direct answer the provider expects instead of the usual acknowledgement (webhook handshakes). */
export type ChannelAnswer = { status: number; contentType: string; body: string };

/**
 * Where a customer's conversation on a channel stands right after a request's step committed: what a
 * channel needs that answers the request with the flow's reply itself (a phone call's TwiML).
 */
export type ConversationState = {
  /** Ids of the messages queued for the address on the channel, oldest first: the outbox hands them to `send` next. */
  queued: string[];
  /** A flow still runs in the conversation (waiting for the customer, a timer or an operator). */
  running: boolean;
  /** Queues holding an open task about the conversation, newest first. */
  queues: string[];
};

/**
 * A request answered with the flow's reply (voice: TwiML). Once its messages are committed the
 * engine starts the outbox and calls `answer` with the state of `address`'s conversation; the
 * adapter waits (bounded) for the queued messages to reach its `send` and answers with them.
 */
export type LiveReply = { address: string; answer(state: ConversationState): Promise<ChannelAnswer> };

/**
 * What a verified request holds. `ack` replaces the engine's JSON acknowledgement of the events
 * (new or duplicate alike) for providers that retry unless they get their own answer (VK wants the text `ok`);
 * `live` does so with the flow's reply.
 */
export type ParsedRequest =
  | { kind: "events"; messages: InboundMessage[]; statuses: DeliveryStatus[]; ack?: ChannelAnswer; live?: LiveReply }
  | { kind: "handshake"; answer: ChannelAnswer };

/** What the provider answered when it took a message; its id is what later delivery statuses name. */
export type SendReceipt = { providerMessageId: string | null };

/** What every channel provides. */
export type ChannelAdapter = {
  channel: Channel;
  /** The channel shows quick-reply buttons itself; otherwise they are appended to the text. */
  quickReplies?: boolean;
  /** Checks the request came from the provider (signature, secret token) over method, URL, headers and raw bytes. */
  verify(request: RawRequest): Verification | Promise<Verification>;
  /**
   * Turns a verified request into customer messages, delivery statuses or a handshake answer.
   * Throws zod errors naming the field on a bad payload, and `ChannelRequestError` for a request
   * the channel does not take at all (wrong method or media type, a body that is not JSON).
   * May resolve later (e-mail's MIME parser reads a stream).
   */
  parse(request: RawRequest): ParsedRequest | Promise<ParsedRequest>;
  /**
   * Performs one outbound message. `message.key` is the idempotency key: the same key may come twice (at-least-once).
   * Throws `RequestRefused` (contracts/outbound.ts) when retrying cannot help (an SMTP 5xx): the message fails at once.
   */
  send(message: OutboundMessage): Promise<SendReceipt>;
};

/** What the engine hands every adapter factory. */
export type ChannelDeps = {
  /** Tells live views (the web chat widget, the workspace) that a message reached the customer. */
  delivered(message: OutboundMessage): void;
  /** The web chat visitor a signed visitor token was issued to; null for a token the server did not sign. */
  visitorOf(token: string): string | null;
  /**
   * Every call to the provider goes through this client: the guarded one (internal addresses
   * refused, bodies capped) when the channel is live, the provider's fake when it is in sandbox mode.
   */
  http: OutboundHttp;
  /**
   * For providers reached over another protocol than HTTP (SMTP): the address to connect to for
   * `host`:`port`, checked by the same outbound policy as `http` (internal addresses refused unless
   * allowed) and resolved once, so the connection goes where the check looked. Throws `RequestRefused`.
   */
  admitHost(host: string, port: number): Promise<string>;
};

/**
 * What a channel folder's `adapter.ts` exports. `settings` come from configuration (secrets,
 * sender numbers, the provider's base URL) and are the factory's to validate with `settingsSchema`,
 * which the Channels page edits; `secretSettings` names the fields sealed in the credentials store
 * and never shown again. `sandboxSettings()` are settings that work against the channel's fake
 * provider (`fake.ts`), so the demo can run the channel with nothing leaving the machine.
 */
export type ChannelModule = {
  settingsSchema: z.ZodType;
  secretSettings?: readonly string[];
  sandboxSettings?: () => Record<string, unknown>;
  createAdapter(settings: unknown, deps: ChannelDeps): ChannelAdapter;
};

/**
 * A request the channel refuses before reading its payload: `status` and `code` are the answer
 * (e.g. 415 `unsupported_media_type`). Recognised by `name`, like the engine's other errors.
 */
export class ChannelRequestError extends Error {
  override name = "ChannelRequestError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const isChannelRequestError = (e: unknown): e is ChannelRequestError => e instanceof Error && e.name === "ChannelRequestError";
