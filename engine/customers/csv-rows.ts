import Papa from "papaparse";
import * as z from "zod";
import { inputError } from "../contracts/errors";
import { CSV_IMPORT_LIMITS } from "../contracts/identity";
import { normaliseEmail, normalisePhone } from "./identity-key";

/** A row as imported: normalised phone and e-mail, the other columns as custom fields. */
export type CustomerRow = { row: number; name: string | null; email: string | null; phone: string | null; fields: Record<string, string> };
/** One problem of one row: its row number in the file (the header is row 1), the column, what is wrong. */
export type RowProblem = { row: number; field: string; problem: string };

const KNOWN = new Set(["name", "email", "phone"]);
const MAX_HEADER = 64;

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `longer than ${max} characters`)
    .transform((v) => v || null);

/** One row's schema: phones read in `region` when they have no country code. */
function rowSchema(region: string) {
  return z
    .object({
      name: text(200),
      email: text(254).transform((v, ctx) => {
        if (v === null) return null;
        const email = normaliseEmail(v);
        if (!email) ctx.addIssue({ code: "custom", message: "not an e-mail address" });
        return email;
      }),
      phone: text(40).transform((v, ctx) => {
        if (v === null) return null;
        const phone = normalisePhone(v, region);
        if (!phone) ctx.addIssue({ code: "custom", message: `not a phone number (one without a country code is read as ${region})` });
        return phone;
      }),
      fields: z.record(z.string(), text(1000)),
    })
    .refine((r) => r.email || r.phone, { message: "an email or a phone is needed to recognise the customer", path: ["email"] });
}

/**
 * Reads a customers CSV (papaparse; a header row naming `name`, `email`, `phone` and any custom
 * fields) and checks it row by row with zod. Valid rows come back normalised; each problem of an
 * invalid row is listed with its row number and column. A file without an email or phone column, with
 * too many columns or rows, is refused whole.
 */
export function readCustomerCsv(csv: string, region: string): { rows: CustomerRow[]; problems: RowProblem[]; total: number } {
  const parsed = Papa.parse<Record<string, string>>(csv, {
    header: true,
    skipEmptyLines: "greedy",
    preview: CSV_IMPORT_LIMITS.rows + 1,
    transformHeader: (h) => h.trim().toLowerCase().slice(0, MAX_HEADER),
  });
  const columns = (parsed.meta.fields ?? []).filter(Boolean);
  if (!columns.some((c) => c === "email" || c === "phone") || columns.length > CSV_IMPORT_LIMITS.columns) {
    throw inputError("import.columns", { limit: CSV_IMPORT_LIMITS.columns }, "csv");
  }
  if (parsed.data.length > CSV_IMPORT_LIMITS.rows) throw inputError("import.too-many-rows", { limit: CSV_IMPORT_LIMITS.rows }, "csv");

  const schema = rowSchema(region);
  const problems: RowProblem[] = parsed.errors.map((e) => ({ row: (e.row ?? 0) + 2, field: "", problem: e.message }));
  const broken = new Set(problems.map((p) => p.row));
  const rows: CustomerRow[] = [];
  parsed.data.forEach((record, index) => {
    const row = index + 2;
    if (broken.has(row)) return;
    const fields = Object.fromEntries(Object.entries(record).filter(([k, v]) => !KNOWN.has(k) && k && typeof v === "string" && v.trim()));
    const result = schema.safeParse({ name: record.name ?? "", email: record.email ?? "", phone: record.phone ?? "", fields });
    if (result.success) rows.push({ row, ...result.data, fields: result.data.fields as Record<string, string> });
    else for (const issue of result.error.issues) problems.push({ row, field: issue.path.at(-1)?.toString() ?? "", problem: issue.message });
  });
  return { rows, problems: problems.sort((a, b) => a.row - b.row), total: parsed.data.length };
}

/** The downloadable error report: one line per problem. */
export const problemReport = (problems: RowProblem[]): string => Papa.unparse(problems, { columns: ["row", "field", "problem"] });
