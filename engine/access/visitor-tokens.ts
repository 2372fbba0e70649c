/**
 * Web chat visitors' tokens: `<visitorId>.<HMAC-SHA256(key, visitorId)>`, issued with a fresh,
 * server-chosen visitor id. Holding a visitor's token is what lets a browser post as that visitor
 * and read their conversation; nobody can make one for someone else's id without the server key.
 * Stateless: nothing is stored, a token stays valid as long as the secret key.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { visitorTokenSchema } from "../contracts/api-keys";
import { accessDenied } from "../contracts/errors";

export type VisitorTokens = ReturnType<typeof createVisitorTokens>;

/** `secretKey` is the engine's secret key; tokens are signed with a key derived from it for this purpose only. */
export function createVisitorTokens(secretKey: Buffer) {
  const key = createHmac("sha256", secretKey).update("omniflow:webchat-visitor-token:v1").digest();
  const sign = (visitorId: string) => createHmac("sha256", key).update(visitorId).digest("base64url");
  function visitorOf(token: string): string | null {
    const dot = token.lastIndexOf(".");
    if (dot <= 0) return null;
    const visitorId = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), "utf8");
    const expected = Buffer.from(sign(visitorId), "utf8");
    return given.length === expected.length && timingSafeEqual(given, expected) ? visitorId : null;
  }
  /** The token of `visitorId` (the server's own callers, e.g. the benchmark's load generator holding the key). */
  const tokenFor = (visitorId: string) => `${visitorId}.${sign(visitorId)}`;
  return {
    /** A new visitor (a fresh id the caller cannot choose) and their token. */
    issue(): { visitorId: string; token: string } {
      const visitorId = `visitor-${randomBytes(8).toString("hex")}`;
      return { visitorId, token: tokenFor(visitorId) };
    },
    tokenFor,
    /** The visitor a token was issued to; null for anything the server did not sign. */
    visitorOf,
    /** The visitor a token was issued to; refuses (401 `invalid_visitor_token`) anything else. */
    visitor(token: unknown): string {
      const parsed = visitorTokenSchema.safeParse(token);
      const visitorId = parsed.success ? visitorOf(parsed.data) : null;
      if (!visitorId) throw accessDenied("access.visitor-token", {});
      return visitorId;
    },
  };
}
