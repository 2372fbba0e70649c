import { toBoolean, toNumber } from "../../data/set-variable/convert";
import type { DeclaredField } from "../webhook/fields";

type Scalar = string | number | boolean;
const A = { string: "a text", number: "a number", boolean: "true or false" } as const;

/** A caller's value as the declared type: texts convert ("42" → 42, "yes" → true), anything else is refused. */
function coerce(value: unknown, type: DeclaredField["type"]): Scalar | undefined {
  if (type === "string") return typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : undefined;
  if (typeof value === type) return type === "number" && !Number.isFinite(value) ? undefined : (value as Scalar);
  if (typeof value !== "string") return undefined;
  return type === "number" ? toNumber(value) : toBoolean(value);
}

export type InputsRead = { ok: true; values: Record<string, Scalar> } | { ok: false; field: string; message: string };

/**
 * Checks what a caller passed against the declared inputs and converts it; undeclared names are
 * dropped. The first problem names the input.
 * @example readInputs([{ name: "amount", type: "number", optional: false }], { amount: "12,5" }) // { ok: true, values: { amount: 12.5 } }
 */
export function readInputs(declared: DeclaredField[], given: Record<string, unknown>): InputsRead {
  const values: Record<string, Scalar> = {};
  for (const input of declared) {
    const raw = Object.hasOwn(given, input.name) ? given[input.name] : undefined;
    if (raw === undefined || raw === null) {
      if (input.optional) continue;
      return { ok: false, field: `inputs.${input.name}`, message: `missing: the caller must set ${input.name} (${A[input.type]})` };
    }
    const value = coerce(raw, input.type);
    if (value === undefined) return { ok: false, field: `inputs.${input.name}`, message: `expected ${A[input.type]}, got ${JSON.stringify(raw).slice(0, 60)}` };
    values[input.name] = value;
  }
  return { ok: true, values };
}
