import os from "node:os";

/** One line of the results table. `pass` is undefined for figures without a target, a word when the target does not apply. */
export type Row = { figure: string; value: string; ceiling: string; ratio: string; pass?: boolean | string };

const HEAD = ["figure", "value", "ceiling", "ratio / target", "pass"];
const cells = (r: Row) => [r.figure, r.value, r.ceiling, r.ratio, r.pass === undefined ? "" : typeof r.pass === "string" ? r.pass : r.pass ? "yes" : "NO"];

export function machineLine(): string {
  const cpus = os.cpus();
  return (
    `${cpus[0]?.model.trim() ?? "unknown cpu"}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ` +
    `node ${process.version}, ${os.type()} ${os.release()} — ${new Date().toISOString()}`
  );
}

export function textTable(rows: Row[]): string {
  const all = [HEAD, ...rows.map(cells)];
  const widths = HEAD.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join(" | ");
  return [line(HEAD), widths.map((w) => "-".repeat(w)).join("-+-"), ...rows.map((r) => line(cells(r)))].join("\n");
}

export function markdownTable(rows: Row[]): string {
  const line = (r: string[]) => `| ${r.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(HEAD), line(HEAD.map(() => "---")), ...rows.map((r) => line(cells(r)))].join("\n");
}

/** Number formatting shared by the figures. */
export const fmt = {
  int: (n: number) => Math.round(n).toLocaleString("en-US"),
  ms: (n: number) => `${Number.isInteger(n) ? n : n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`,
  pct: (n: number) => `${(n * 100).toFixed(0)} %`,
  mib: (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`,
};
