import { signatureHeader } from "../access/signature";
import type { Engine } from "../index";

/**
 * An API key for tests that call `POST /api/events` or `/api/hooks/<name>`: its id, the headers
 * that authenticate with it, and `signed(body)` for the signature scheme instead.
 */
export function testApiKey(engine: Pick<Engine, "apiKeys">, scopes: string[] = ["events", "hooks:*"], name = "test caller") {
  const created = engine.apiKeys.create({ name, scopes });
  return {
    keyId: created.id,
    key: created.key,
    headers: { authorization: `Bearer ${created.key}` },
    /** Headers signing `body` (exactly these bytes) at `timestamp` (unix seconds; now by default). */
    signed: (body: string, timestamp?: number) => ({ "omniflow-signature": signatureHeader(created.id, created.signingSecret, body, timestamp) }),
    signingSecret: created.signingSecret,
  };
}
