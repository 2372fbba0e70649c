/**
 * Errors across the writer thread's boundary. The engine recognises its errors by `name` and reads
 * their own fields (`code`, `params`, `field`, `retryAfterSeconds`, zod's `issues`), which a structured
 * clone drops: so an error travels as a plain object of those and comes back as an Error carrying them.
 */
export type WireError = { name: string; message: string; stack?: string; fields: Record<string, unknown> };

export function toWire(error: unknown): WireError {
  if (!(error instanceof Error)) return { name: "Error", message: String(error), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(error)) {
    if (key === "name" || typeof value === "function") continue;
    try {
      fields[key] = structuredClone(value);
    } catch {
      fields[key] = String(value);
    }
  }
  return { name: error.name, message: error.message, stack: error.stack, fields };
}

export function fromWire(wire: WireError): Error {
  const error = Object.assign(new Error(wire.message), wire.fields);
  Object.defineProperty(error, "name", { value: wire.name, enumerable: false, writable: true, configurable: true });
  if (wire.stack) error.stack = wire.stack;
  return error;
}
