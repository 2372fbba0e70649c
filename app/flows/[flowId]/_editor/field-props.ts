import type { JsonSchema } from "@/app/_ui/flow-canvas";

/** Field path -> messages. Paths are dotted (`rules.0.pattern`), as in zod issues and FlowIssue.field. */
export type FieldErrors = ReadonlyMap<string, string[]>;

/** `onChange(next, field)`: `field` is the path edited, so quick edits of one field undo together. */
export type ChangeHandler = (value: unknown, field: string) => void;

export type FieldProps = { path: string; name: string; schema: JsonSchema; value: unknown; errors: FieldErrors; onChange: ChangeHandler };

/** A copy of `object` with `key` set to `value` (removed when undefined). */
export const setKey = (object: unknown, key: string, value: unknown): Record<string, unknown> => {
  const next = { ...(object as Record<string, unknown>) };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
};
