import { canonicalJson } from "./canonical";

/** Keys whose values never reach the trail (compared lower-case without `-`/`_`, anywhere in the key: `x-api-key`, `newPassword`). */
const SECRET_KEYS = ["password", "secret", "token", "value", "authorization", "apikey", "cookie"];
/** Credentials that show up as plain strings, e.g. a header line copied into a note. */
const SECRET_TEXT = /^\s*(bearer|basic)\s+\S|\bsk_(live|test)_\w/i;

export const REDACTED = "[redacted]";
const LIMITS = { depth: 6, keys: 50, items: 20, text: 300, bytes: 8_192 };

const isSecretKey = (key: string) => {
  const k = key.toLowerCase().replace(/[-_]/g, "");
  return SECRET_KEYS.some((s) => k.includes(s));
};

/**
 * What of a mutation's input or diff the trail keeps: secrets replaced by "[redacted]", long texts,
 * lists and deep objects cut, and the whole at most 8 KB of JSON (past that only its top-level keys).
 */
export function redact(input: unknown): unknown {
  const safe = walk(input, 0);
  const size = Buffer.byteLength(canonicalJson(safe));
  if (size <= LIMITS.bytes) return safe;
  const keys = safe !== null && typeof safe === "object" && !Array.isArray(safe) ? Object.keys(safe).slice(0, LIMITS.keys) : [];
  return { truncated: true, bytes: size, keys };
}

function walk(value: unknown, depth: number): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return SECRET_TEXT.test(value) ? REDACTED : cut(value);
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== "object") return null;
  if (depth >= LIMITS.depth) return "[…]";
  if (Array.isArray(value)) {
    const items = value.slice(0, LIMITS.items).map((item) => walk(item, depth + 1));
    return value.length > LIMITS.items ? [...items, `[… ${value.length - LIMITS.items} more]`] : items;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  const kept = entries.slice(0, LIMITS.keys).map(([key, v]) => [key, isSecretKey(key) ? REDACTED : walk(v, depth + 1)]);
  if (entries.length > LIMITS.keys) kept.push(["…", `${entries.length - LIMITS.keys} more keys`]);
  return Object.fromEntries(kept);
}

const cut = (s: string) => (s.length > LIMITS.text ? `${s.slice(0, LIMITS.text)}…` : s);
