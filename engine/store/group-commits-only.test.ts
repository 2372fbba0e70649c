import { afterEach, describe, expect, it } from "vitest";
import { tempDb } from "../testing/temp-db";
import { openStore, type Store } from "./index";

describe("a connection that commits only in its group commit (the writer thread's)", () => {
  const tmp = tempDb("omniflow-commits-only-");
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    tmp.remove();
  });

  it("stays at synchronous=NORMAL (its commits flush the WAL after) and refuses a transaction that would not", () => {
    store = openStore(tmp.file, { groupCommitsOnly: true });
    const commit = store.unsyncedTransaction(() => store?.customers.create("Ann", 0));
    expect(typeof commit()).toBe("string");
    expect(() => store?.transaction(() => 1)).toThrow(/commits only in its group commit/);
    const other = openStore(tmp.file);
    // Any other connection keeps FULL for what it writes outside a group commit.
    expect(other.transaction(() => other.customers.create("Bo", 0))()).toEqual(expect.any(String));
    void other.close();
  });
});
