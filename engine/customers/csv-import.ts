import { csvImportSchema } from "../contracts/identity";
import type { Store } from "../store/index";
import { type CustomerRow, problemReport, type RowProblem, readCustomerCsv } from "./csv-rows";
import { channelOfKind } from "./identity-key";
import type { Submit } from "./merges";

/** Rows written per unit of the group commit: steps from the channels get in between batches. */
const BATCH = 1000;
/** Problems listed in the answer (the report holds all of them). */
const LISTED = 100;

/**
 * CSV import of customers: valid rows land on the customer who already holds their e-mail or phone
 * (name if they had none, custom fields merged, the missing identity added), or create one; invalid
 * rows are left out and listed in a CSV error report.
 */
export function createCsvImport(store: Pick<Store, "customers">, submit: Submit, region: () => string, clock: () => number) {
  const { customers } = store;

  /** One row; a problem when its e-mail and phone belong to two different customers. */
  function upsert(row: CustomerRow, at: number): "created" | "updated" | RowProblem {
    const keys = (["email", "phone"] as const).flatMap((kind) => (row[kind] ? [{ kind, value: row[kind] }] : []));
    const holders = new Set(keys.flatMap((k) => customers.byKey(k.kind, k.value)?.id ?? []));
    if (holders.size > 1) return { row: row.row, field: "phone", problem: "the email and the phone belong to two different customers" };
    const [known] = holders;
    const id = known ?? customers.create(row.name, at);
    if (known && row.name) customers.nameIfUnknown(id, row.name);
    if (Object.keys(row.fields).length) customers.mergeFields(id, row.fields);
    for (const key of keys)
      if (!customers.holds(id, key.kind, key.value)) customers.addIdentity(id, { channel: channelOfKind(key.kind), address: key.value, ...key }, at);
    return known ? "updated" : "created";
  }

  return {
    /** Imports a CSV text (at most 5 MiB and 50,000 rows); resolves with the counts, the first problems and the full error report. */
    async run(input: unknown) {
      const { csv } = csvImportSchema.parse(input);
      const { rows, problems, total } = readCustomerCsv(csv, region());
      let created = 0;
      let updated = 0;
      for (let i = 0; i < rows.length; i += BATCH) {
        const outcomes = await submit(() => rows.slice(i, i + BATCH).map((row) => upsert(row, clock())));
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
