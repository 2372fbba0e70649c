import * as z from "zod";
import type { NodeIssue } from "../_kit/define-node";
import { KIT_MESSAGES, kitIssue } from "../_kit/messages";
import { renderTemplate, templateProblems } from "../_kit/template";

/** `name = value` with a template value; names are identifier-like (they become JSON keys). */
export const FIELD_LINE = /^([A-Za-z_][A-Za-z0-9_]{0,40})\s*=\s*(.+)$/;

/** A `lines` setting of `name = value` rows. */
export const fieldLinesSchema = () => z.array(z.string().trim().regex(FIELD_LINE, KIT_MESSAGES.en["field-line"])).max(30);

export function parseFieldLines(lines: string[]): { name: string; value: string }[] {
  return lines.flatMap((line) => {
    const m = FIELD_LINE.exec(line.trim());
    return m ? [{ name: m[1], value: m[2].trim() }] : [];
  });
}

/** Duplicate names and bad placeholders, pinned to the setting. */
export function fieldLineIssues(lines: string[], field: string): NodeIssue[] {
  const seen = new Set<string>();
  return parseFieldLines(lines).flatMap(({ name, value }) => {
    const duplicate = seen.has(name) ? [kitIssue(field, "field-line-twice", { name })] : [];
    seen.add(name);
    // `line` names the row a placeholder problem is on; the texts put it first.
    const placeholders = templateProblems(value).map((p) => ({ ...kitIssue(field, p.key, { ...p.params, line: name }), message: `${name}: ${p.message}` }));
    return [...duplicate, ...placeholders];
  });
}

/**
 * Renders each value; a value that renders empty is left out, so a missing variable never blanks
 * a field the CRM already has.
 */
export function renderFieldLines(lines: string[], scope: Record<string, unknown>): Record<string, string> {
  const rendered = parseFieldLines(lines).map(({ name, value }) => [name, renderTemplate(value, scope).trim()] as const);
  return Object.fromEntries(rendered.filter(([, value]) => value !== ""));
}
