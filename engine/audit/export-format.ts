import type { AuditRow } from "../store/audit";

const CSV_COLUMNS: (keyof AuditRow)[] = [
  "seq",
  "at",
  "actorKind",
  "actorId",
  "actorName",
  "role",
  "action",
  "targetType",
  "targetId",
  "outcome",
  "detail",
  "requestId",
  "ip",
  "prevHash",
  "hash",
];

/**
 * One CSV cell (RFC 4180 quoting). Actor names and details come from outside (a failed sign-in's
 * e-mail), and a spreadsheet runs a cell starting with = + - @ as a formula: such cells get a `'`.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV with a header row, lines ended by CRLF as spreadsheets expect. */
export function* csvLines(rows: Iterable<AuditRow>): Generator<string> {
  yield `${CSV_COLUMNS.join(",")}\r\n`;
  for (const row of rows) yield `${CSV_COLUMNS.map((c) => csvCell(row[c])).join(",")}\r\n`;
}

/** One JSON object per line, every field exactly as stored (`detail` stays its JSON text), so the hashes can be checked again from the file. */
export function* jsonLines(rows: Iterable<AuditRow>): Generator<string> {
  for (const row of rows) yield `${JSON.stringify(row)}\n`;
}
