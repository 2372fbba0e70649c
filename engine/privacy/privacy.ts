import { confirmsErase, customerIdSchema } from "../contracts/privacy";
import { inputError } from "../contracts/errors";
import type { Store } from "../store/index";
import type { ErasedRows } from "../store/privacy";
import { customerExport } from "./export";
import { jsonScrubbers } from "./scrub";

type PrivacyStore = Pick<Store, "privacy" | "instances" | "timers" | "tasks" | "transaction" | "truncateWal">;

/** A customer's personal data: export it whole, or erase it everywhere it landed. */
export function createPrivacy(store: PrivacyStore, clock: () => number, afterErase: () => void = () => {}) {
  function holdingsOf(customerId: string) {
    const id = customerIdSchema.parse(customerId);
    const held = store.privacy.holdings(id);
    if (!held) throw inputError("customer.not-found", { customerId: id }, "customerId");
    return held;
  }

  /**
   * Stops the customer's waiting instances (status `cancelled`, with their timers and open tasks, as
   * when a parallel branch is abandoned: a flow must not go on acting for an erased person), then
   * replaces their personal data, all in one transaction. Rows stay, so counts of messages, tasks,
   * instances and cases add up as before.
   */
  const eraseInTransaction = store.transaction((customerId: string, at: number) => {
    // Customers merged into this one are the same person: their rows moved here, and their own rows go too.
    const merged = store.privacy.mergedInto(customerId);
    const people = [customerId, ...merged];
    const stopped = people.flatMap((id) => store.privacy.waitingInstances(id));
    for (const instanceId of stopped) {
      store.instances.cancel(instanceId, at);
      store.timers.cancelForInstance(instanceId);
      store.tasks.cancelForInstance(instanceId, at);
    }
    const erased = people.map((id) => store.privacy.erase(id, at, jsonScrubbers));
    const rows = Object.fromEntries(Object.keys(erased[0]).map((k) => [k, erased.reduce((sum, r) => sum + r[k as keyof ErasedRows], 0)])) as ErasedRows;
    return { stoppedInstances: stopped.length, mergedCustomers: merged.length, rows };
  });

  return {
    /** Everything held about one customer, as one JSON document. */
    exportCustomer(customerId: string) {
      return customerExport(holdingsOf(customerId), clock());
    },

    /**
     * Erases a customer's personal data once `confirmation` is their name or "ERASE". Afterwards the
     * WAL is emptied into the file (secure_delete has zeroed what the erasure freed), so the old
     * text survives in neither file. `walTruncated` is false if a reader held the WAL; the next
     * checkpoint finishes it.
     */
    eraseCustomer(customerId: string, confirmation: string) {
      const held = holdingsOf(customerId);
      if (!confirmsErase(confirmation, held.customer.name)) throw inputError("customer.erase-unconfirmed", {}, "confirmation");
      const at = clock();
      const result = eraseInTransaction(held.customer.id, at);
      afterErase();
      return { customerId: held.customer.id, erasedAt: new Date(at).toISOString(), ...result, walTruncated: store.truncateWal() };
    },
  };
}

export type Privacy = ReturnType<typeof createPrivacy>;
