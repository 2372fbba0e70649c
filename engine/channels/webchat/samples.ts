/** Web chat requests as the widget sends them (and as it must not), for the adapter's tests and the engine's. */
import type { ChannelDeps, RawRequest } from "../channel";

const URL = "http://localhost:3000/api/channels/webchat/inbound";

/** Stand-in visitor tokens for adapter tests: `sample-token:<visitorId>` names that visitor (the engine's are signed). */
export const sampleVisitors: Pick<ChannelDeps, "visitorOf"> = {
  visitorOf: (token) => (token.startsWith("sample-token:") ? token.slice("sample-token:".length) : null),
};
export const visitorAuth = (visitorId: string) => ({ authorization: `Bearer sample-token:${visitorId}` });

/**
 * A POST of `body` (serialised unless it is already a string) with a JSON content type and the
 * token of the visitor it names (or of "v-1"); `headers` override both.
 */
export function webchatRequest(body: unknown, headers: Record<string, string> = {}): RawRequest {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const visitor = (body as { visitorId?: unknown } | null)?.visitorId;
  return {
    method: "POST",
    url: URL,
    headers: { "content-type": "application/json", ...visitorAuth(typeof visitor === "string" ? visitor : "v-1"), ...headers },
    body: Buffer.from(text, "utf8"),
  };
}

export const samples = {
  /** A visitor's message, with the name the widget asked for. */
  message: webchatRequest({ visitorId: "v-1", messageId: "m-1", text: "  What are your hours?  ", name: "Ann" }),
  /** The widget retrying the same message (same id): the adapter parses it again; intake deduplicates. */
  duplicate: webchatRequest({ visitorId: "v-1", messageId: "m-1", text: "What are your hours?", name: "Ann" }),
  /** A chat embedded for one flow. */
  forFlow: webchatRequest({ visitorId: "v-2", messageId: "m-2", text: "hi", flowId: "flow-1" }),
  /** The charset parameter and upper case are fine. */
  charset: webchatRequest({ visitorId: "v-3", messageId: "m-3", text: "hi" }, { "content-type": "Application/JSON; charset=utf-8" }),
} satisfies Record<string, RawRequest>;

/** Requests whose visitor token does not let them post as the visitor they name: refused by `verify`. */
export const unverifiedSamples = {
  noToken: webchatRequest({ visitorId: "alice", messageId: "m-8", text: "hi" }, { authorization: "" }),
  anotherVisitorsToken: webchatRequest({ visitorId: "alice", messageId: "m-8", text: "hi" }, visitorAuth("mallory")),
  forgedToken: webchatRequest({ visitorId: "alice", messageId: "m-8", text: "hi" }, { authorization: "Bearer alice.forged" }),
  notBearer: webchatRequest({ visitorId: "alice", messageId: "m-8", text: "hi" }, { authorization: "Basic sample-token:alice" }),
} satisfies Record<string, RawRequest>;

/** Requests web chat refuses, with the fields (zod) or the code (before the payload) it names. */
export const badSamples = {
  wrongTypes: { request: webchatRequest({ visitorId: 42, messageId: "m-5", text: "" }), fields: ["visitorId", "text"] },
  missingFields: { request: webchatRequest({ text: "hi" }), fields: ["visitorId", "messageId"] },
  tooLong: { request: webchatRequest({ visitorId: "v-1", messageId: "m-6", text: "x".repeat(4001) }), fields: ["text"], message: "at most 4000 characters" },
  blankText: { request: webchatRequest({ visitorId: "v-1", messageId: "m-7", text: "   " }), fields: ["text"], message: "must not be empty" },
  notAnObject: { request: webchatRequest("[1, 2]"), fields: [""] },
  malformedJson: { request: webchatRequest('{"visitorId": "v-3", '), code: "invalid_json", status: 400 },
  wrongMediaType: { request: webchatRequest("hello", { "content-type": "text/plain" }), code: "unsupported_media_type", status: 415 },
  mediaTypeOnlyMentioned: {
    request: webchatRequest("{}", { "content-type": "text/plain; x=application/json" }),
    code: "unsupported_media_type",
    status: 415,
  },
  get: { request: { method: "GET", url: URL, headers: visitorAuth("v-1"), body: Buffer.alloc(0) }, code: "method_not_allowed", status: 405 },
} satisfies Record<string, { request: RawRequest; fields?: string[]; message?: string; code?: string; status?: number }>;
