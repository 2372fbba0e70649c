/**
 * JSON with object keys sorted at every level, so the same data always gives the same text
 * (and the same hash), whatever order its writer built it in.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const plain = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(plain)
      .sort()
      .map((key) => [key, sortKeys(plain[key])]),
  );
}
