import { csvImportSchema } from "../contracts/identity";
import type { CsvCommits } from "./csv-commands";
import { problemReport, readCustomerCsv } from "./csv-rows";

/** Rows written per writer command: steps from the channels get in between batches. */
const BATCH = 1000;
/** Problems listed in the answer (the report holds all of them). */
const LISTED = 100;

/**
 * CSV import of customers: valid rows land on the customer who already holds their e-mail or phone
 * (name if they had none, custom fields merged, the missing identity added), or create one; invalid
 * rows are left out and listed in a CSV error report.
 */
export function createCsvImport(commits: CsvCommits, region: () => string) {
  return {
    /** Imports a CSV text (at most 5 MiB and 50,000 rows); resolves with the counts, the first problems and the full error report. */
    async run(input: unknown) {
      const { csv } = csvImportSchema.parse(input);
      const { rows, problems, total } = readCustomerCsv(csv, region());
      let created = 0;
      let updated = 0;
      for (let i = 0; i < rows.length; i += BATCH) {
        const outcomes = await commits.importRows(rows.slice(i, i + BATCH));
        for (const outcome of outcomes) {
          if (outcome === "created") created++;
          else if (outcome === "updated") updated++;
          else problems.push(outcome);
        }
      }
      problems.sort((a, b) => a.row - b.row);
      const invalidRows = new Set(problems.map((p) => p.row)).size;
      return { rows: total, created, updated, invalidRows, problems: problems.slice(0, LISTED), report: problems.length ? problemReport(problems) : null };
    },
  };
}
