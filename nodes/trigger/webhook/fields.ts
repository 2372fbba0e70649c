import * as z from "zod";

/** `name: type` (optional with `?`): one declared payload field per line. */
export const FIELD_LINE = /^([A-Za-z_][A-Za-z0-9_]{0,40})(\?)?\s*:\s*(string|number|boolean)$/;

export type DeclaredField = { name: string; type: "string" | "number" | "boolean"; optional: boolean };

export function parseFields(lines: string[]): DeclaredField[] {
  return lines.flatMap((line) => {
    const m = FIELD_LINE.exec(line.trim());
    return m ? [{ name: m[1], optional: m[2] === "?", type: m[3] as DeclaredField["type"] }] : [];
  });
}

const schemaOf = { string: z.string().max(10_000), number: z.number().finite(), boolean: z.boolean() };
const cache = new Map<string, z.ZodType<Record<string, unknown>>>();

/** The zod schema of a declaration (cached): declared fields typed, anything else dropped. */
export function payloadSchema(fields: DeclaredField[]): z.ZodType<Record<string, unknown>> {
  const key = JSON.stringify(fields);
  let schema = cache.get(key);
  if (!schema) {
    schema = z.object(Object.fromEntries(fields.map((f) => [f.name, f.optional ? schemaOf[f.type].optional() : schemaOf[f.type]])));
    cache.set(key, schema);
  }
  return schema;
}
