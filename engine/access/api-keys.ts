/**
 * API keys for machine callers of `POST /api/events` and `POST /api/hooks/<name>`. A key is
 * `omf_<id>_<secret>`, kept only as its sha256; it comes with a signing secret for callers that
 * sign the raw body instead (signature.ts), sealed with the secret box because the server must
 * recompute signatures. Both are returned once, by `create`. Each key is scoped, revocable, and
 * is the sender its calls are deduplicated under.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { apiKeyIdSchema, newApiKeySchema, scopeGrants, type NewApiKey } from "../contracts/api-keys";
import { accessDenied, inputError } from "../contracts/errors";
import type { SecretBox } from "../credentials/secret-box";
import type { ApiKeyRepository, ApiKeyRow } from "../store/api-keys";
import { parseSignatureHeader, SIGNATURE_HEADER, SIGNATURE_TOLERANCE_S, signatureMatches } from "./signature";

/** What authentication reads of a request: its headers (lower-case names) and raw body. */
export type SignedRequest = { headers: Record<string, string | undefined>; body: Buffer };

/** The sender a request was authenticated as: the API key that called or signed. */
/** Who called; a signed request also has `replayKey`, what makes it this request (its timestamp and body). */
export type Sender = { keyId: string; replayKey?: string };

const KEY = /^omf_([0-9a-f]{16})_([0-9a-f]{64})$/;
/** lastUsedAt is rewritten at most this often per key, so a busy caller costs no write per call. */
const TOUCH_EVERY_MS = 60_000;

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest();
const sealContext = (id: string) => `api-key:${id}`;

export function createApiKeys(repo: ApiKeyRepository, box: SecretBox, clock: () => number) {
  const touched = new Map<string, number>();

  function used(row: ApiKeyRow, needed: string): Sender {
    if (row.revokedAt !== null) throw accessDenied("access.key-revoked", {});
    if (!scopeGrants(row.scopes, needed)) throw accessDenied("access.scope", { scope: needed });
    const now = clock();
    if (now - (touched.get(row.id) ?? Number.NEGATIVE_INFINITY) >= TOUCH_EVERY_MS) {
      touched.set(row.id, now);
      repo.touch(row.id, now);
    }
    return { keyId: row.id };
  }

  function byBearer(authorization: string, needed: string): Sender {
    const key = /^Bearer\s+(\S+)$/i.exec(authorization.trim())?.[1] ?? "";
    const match = KEY.exec(key);
    const row = match ? repo.byId(match[1]) : null;
    if (!row || !timingSafeEqual(sha256(key), Buffer.from(row.keyHash, "hex"))) throw accessDenied("access.invalid-key", {});
    return used(row, needed);
  }

  function bySignature(header: string, body: Buffer, needed: string): Sender {
    const signed = parseSignatureHeader(header);
    const row = signed && apiKeyIdSchema.safeParse(signed.keyId).success ? repo.byId(signed.keyId) : null;
    if (!signed || !row) throw accessDenied("access.invalid-signature", {});
    const secret = box.open(row.signingSecret, sealContext(row.id));
    if (!signatureMatches(secret, signed.timestamp, body, signed.signatures)) throw accessDenied("access.invalid-signature", {});
    if (Math.abs(clock() / 1000 - signed.timestamp) > SIGNATURE_TOLERANCE_S) {
      throw accessDenied("access.signature-expired", { minutes: SIGNATURE_TOLERANCE_S / 60 });
    }
    // A captured request replayed inside the tolerance window carries the same timestamp and body: a call
    // without an Idempotency-Key is deduplicated by them, so a replay starts nothing.
    return { ...used(row, needed), replayKey: `sig:${signed.timestamp}:${sha256(body).toString("hex")}` };
  }

  return {
    /** A new key: the whole key and signing secret are in this answer only. */
    create(input: NewApiKey) {
      const { name, scopes } = newApiKeySchema.parse(input);
      const id = randomBytes(8).toString("hex");
      const key = `omf_${id}_${randomBytes(32).toString("hex")}`;
      const signingSecret = `omfsig_${randomBytes(32).toString("hex")}`;
      const prefix = key.slice(0, 24);
      repo.add({ id, name, prefix, keyHash: sha256(key).toString("hex"), signingSecret: box.seal(signingSecret, sealContext(id)), scopes }, clock());
      return { id, name, scopes, prefix, key, signingSecret };
    },

    /** Every key for the settings page: names, prefixes, scopes, dates (never a secret). */
    list: () => repo.list(),

    revoke(keyId: string): void {
      if (!repo.revoke(apiKeyIdSchema.parse(keyId), clock()) && !repo.byId(keyId)) throw inputError("api-key.not-found", { keyId }, "keyId");
    },

    /**
     * The sender of a request that needs `scope` (`events`, `hooks:<name>`): a bearer API key, or
     * a signature of its raw body. Throws `AccessDeniedError` (401 without valid credentials,
     * 403 without the scope).
     */
    authenticate(request: SignedRequest, scope: string): Sender {
      const { authorization } = request.headers;
      const signature = request.headers[SIGNATURE_HEADER];
      if (authorization) return byBearer(authorization, scope);
      if (signature) return bySignature(signature, request.body, scope);
      throw accessDenied("access.missing-credentials", {});
    },
  };
}

export type ApiKeys = ReturnType<typeof createApiKeys>;
