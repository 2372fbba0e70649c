/** `name = path.to.field` lines mapping a JSON answer into variables. */
export const MAPPING_LINE = /^([A-Za-z_][A-Za-z0-9_]{0,40})\s*=\s*([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)$/;

export function parseMapping(lines: string[]): { name: string; path: string }[] {
  return lines.flatMap((line) => {
    const m = MAPPING_LINE.exec(line.trim());
    return m ? [{ name: m[1], path: m[2] }] : [];
  });
}

/** Reads `a.b.0.c` from a parsed body, own properties only (no prototype walks). */
export function readPath(body: unknown, path: string): unknown {
  let value = body;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) return null;
    value = (value as Record<string, unknown>)[key];
  }
  return value === undefined ? null : value;
}

/** `Name: value` header lines. */
export const HEADER_LINE = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*:\s*(.*)$/;
