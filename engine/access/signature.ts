/**
 * Signed requests, Stripe's scheme: the caller sends
 * `Omniflow-Signature: keyId=<key id>,t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`.
 * Several `v1` may be given (the caller rotating secrets); one match is enough. The timestamp
 * bounds replays to the tolerance; dedup keys (event ids, Idempotency-Key) make repeats harmless.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "omniflow-signature";
/** How far a signature's timestamp may be from the server's clock, either way. */
export const SIGNATURE_TOLERANCE_S = 5 * 60;

const MAX_HEADER_LENGTH = 1024;
const MAX_SIGNATURES = 8;

export type SignatureHeader = { keyId: string; timestamp: number; signatures: string[] };

/** The header's parts; null when it is not a well-formed signature header. */
export function parseSignatureHeader(header: string): SignatureHeader | null {
  if (header.length > MAX_HEADER_LENGTH) return null;
  let keyId: string | null = null;
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const [name, value, ...rest] = part.trim().split("=");
    if (value === undefined || rest.length > 0) return null;
    if (name === "keyId") keyId = value;
    else if (name === "t" && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (name === "v1" && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
    // Other schemes (a future v2) are ignored, as Stripe's clients do.
  }
  if (keyId === null || timestamp === null || signatures.length === 0 || signatures.length > MAX_SIGNATURES) return null;
  return { keyId, timestamp, signatures };
}

/** The hex HMAC-SHA256 of `"<t>.<raw body>"` under `secret`. */
export function signBody(secret: string, timestamp: number, body: Buffer | string): string {
  return createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex");
}

/** Whether any of `signatures` is this body's, compared in constant time. */
export function signatureMatches(secret: string, timestamp: number, body: Buffer, signatures: readonly string[]): boolean {
  const expected = Buffer.from(signBody(secret, timestamp, body), "hex");
  // Every candidate is compared (no early exit), so timing does not tell which one matched.
  return signatures.reduce((ok, s) => timingSafeEqual(expected, Buffer.from(s, "hex")) || ok, false);
}

/** The header a caller sends (clients, tests, the benchmark): signed now, or at `timestamp` (unix seconds). */
export function signatureHeader(keyId: string, secret: string, body: Buffer | string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `keyId=${keyId},t=${timestamp},v1=${signBody(secret, timestamp, body)}`;
}
