/**
 * What an audit row keeps of a call's input: ids, flags and choices, never free text. A reply, a
 * flow document or a typed confirmation may quote a customer, and the chain cannot be rewritten
 * when that customer is erased; so text is kept as its length only.
 */
const KEPT = /(^id$|Id$|^(outcome|status|index|done|language|kind|scopes|format|limit|page|pageSize|days|method|channel|mode)$)/;

/** A call that ran and reports it did not do what was asked (a test send the provider refused): `{ ok: false }`. */
export const reportsFailure = (data: unknown) => typeof data === "object" && data !== null && (data as { ok?: unknown }).ok === false;

export function auditDetail(input: unknown): unknown {
  if (input === null || typeof input !== "object" || Array.isArray(input)) return input === undefined ? undefined : summarise(input);
  return Object.fromEntries(Object.entries(input).map(([key, value]) => [key, KEPT.test(key) ? value : summarise(value)]));
}

function summarise(value: unknown): unknown {
  if (typeof value === "string") return `[${value.length} characters]`;
  if (value === null || typeof value === "number" || typeof value === "boolean") return value;
  return Array.isArray(value) ? `[${value.length} items]` : "[object]";
}
