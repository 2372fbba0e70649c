import type { z } from "zod";

type Def = { type?: string; checks?: unknown[]; error?: () => unknown; [key: string]: unknown };
const defOf = (schema: unknown): Def | undefined => (schema as { _zod?: { def?: Def } } | undefined)?._zod?.def;

/**
 * The custom messages a zod schema can report (`.min(1, "…")`, `.refine(f, "…")`, a schema's
 * own `error`), walked from zod 4's definitions. Messages a `superRefine` builds at run time are
 * not listed (they carry a `params.key`).
 */
export function schemaMessages(schema: z.ZodType): string[] {
  const found = new Set<string>();
  const seen = new Set<unknown>();
  const visit = (node: unknown) => {
    const def = defOf(node);
    if (!def || seen.has(node)) return;
    seen.add(node);
    const own = typeof def.error === "function" ? def.error() : undefined;
    if (typeof own === "string") found.add(own);
    for (const check of def.checks ?? []) visit(check);
    for (const [name, value] of Object.entries(def)) {
      if (name === "checks" || name === "error") continue;
      if (name === "shape" && value && typeof value === "object") for (const field of Object.values(value)) visit(field);
      else if (Array.isArray(value)) for (const item of value) visit(item);
      else if (defOf(value)) visit(value);
      else if (typeof value === "function" && name === "getter") visit((value as () => unknown)());
    }
  };
  visit(schema);
  return [...found];
}
