/**
 * The fault-injection tests' sizes and their one-line results. `npm test` runs them CI-sized;
 * `npm run soak` (scripts/soak.ts) sets SOAK=1 for the issue's full sizes and SOAK_REPORT to a
 * file each test appends its row to, then prints the rows as one table.
 */
import { appendFileSync } from "node:fs";

/** True under `npm run soak`. */
export const isSoak = (env: Record<string, string | undefined> = process.env) => env.SOAK === "1";

/** The CI size, or the full one under `npm run soak`. */
export const soakSized = (ci: number, full: number) => (isSoak() ? full : ci);

/** One test's result: how many faults it injected, how many events went through, and what went wrong with them. */
export type SoakRow = {
  test: string;
  faults: string;
  events: number;
  /** null where the column does not apply to the test (the note says what it measured instead). */
  lost: number | null;
  duplicated: number | null;
  /** Outside its time bound: a timer fired early, a reply slower than its limit. */
  late: number | null;
  note?: string;
};

/** Prints the row and, under `npm run soak`, appends it to the report file. */
export function reportSoakRow(row: SoakRow, env: Record<string, string | undefined> = process.env): void {
  console.log(`soak: ${JSON.stringify(row)}`);
  if (env.SOAK_REPORT) appendFileSync(env.SOAK_REPORT, `${JSON.stringify(row)}\n`);
}

/** The rows as one plain-text table. */
export function soakTable(rows: SoakRow[]): string {
  const head = ["test", "faults injected", "events", "lost", "duplicated", "late"];
  const cell = (n: number | null) => (n === null ? "–" : n.toLocaleString("en"));
  const body = rows.map((r) => [r.test, r.faults, cell(r.events), cell(r.lost), cell(r.duplicated), cell(r.late)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((cells) => cells[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (i >= 2 ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`;
  const notes = rows.filter((r) => r.note).map((r) => `- ${r.test}: ${r.note}`);
  return [line(head), rule, ...body.map(line), ...(notes.length ? ["", ...notes] : [])].join("\n");
}
