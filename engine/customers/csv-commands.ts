import type { Store } from "../store/index";
import type { CustomerRow, RowProblem } from "./csv-rows";
import { channelOfKind } from "./identity-key";

/**
 * Imported customer rows as they are written inside a commit (csv-import.ts reads and checks the CSV
 * beforehand): the engine's writer runs them (writer/commands.ts), on its thread and in its commits.
 */
export function createCsvCommands(store: Pick<Store, "customers">, clock: () => number) {
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
    /** Writes a batch of rows: each created, updated, or a problem. */
    importRows: (rows: CustomerRow[]) => {
      const at = clock();
      return rows.map((row) => upsert(row, at));
    },
  };
}

/** How csv-import.ts has them run (the engine hands in its writer's). */
export type CsvCommits = { importRows(rows: CustomerRow[]): Promise<("created" | "updated" | RowProblem)[]> };
