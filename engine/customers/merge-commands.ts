import { inputError } from "../contracts/errors";
import type { Store } from "../store/index";
import type { MovedRows, Took } from "../store/merges";

export type MergeStore = Pick<Store, "customers" | "merges">;

const fieldsOf = (json: string) => JSON.parse(json) as Record<string, unknown>;
/** Rows per table, as merges and their previews report them. */
export const counts = (rows: MovedRows) =>
  Object.fromEntries(Object.entries(rows).map(([table, ids]) => [table, ids.length])) as Record<keyof MovedRows, number>;

/**
 * Accepting, rejecting and splitting merges as they run inside a commit (customers/merges.ts checks
 * nothing more beforehand): the engine's writer runs them (writer/commands.ts), on its thread and in
 * its commits, so no second writer contends with intake for the store.
 */
export function createMergeCommands(store: MergeStore, clock: () => number) {
  const { customers, merges } = store;

  function live(customerId: string) {
    const customer = customers.state(customerId);
    if (!customer || customer.erasedAt) throw inputError("customer.not-found", { customerId }, "customerId");
    if (customer.mergedIntoId) throw inputError("customer.merged", { customerId }, "customerId");
    return customer;
  }

  function mergeAccept(suggestionId: string) {
    const at = clock();
    const suggestion = merges.suggestion(suggestionId);
    if (!suggestion) throw inputError("merge.suggestion-not-found", { suggestionId }, "suggestionId");
    if (suggestion.status !== "open") throw inputError("merge.decided", { status: suggestion.status }, "suggestionId");
    const survivor = live(suggestion.otherCustomerId);
    const merged = live(suggestion.customerId);
    const moved = merges.rowsOf(merged.id);
    merges.move(moved, merged.id, survivor.id);
    const own = fieldsOf(survivor.fields);
    const theirs = fieldsOf(merged.fields);
    const took: Took = { fields: Object.keys(theirs).filter((k) => !Object.hasOwn(own, k)), name: !survivor.name && !!merged.name };
    merges.setProfile(survivor.id, survivor.name ?? merged.name, { ...theirs, ...own });
    merges.setMergedInto(merged.id, survivor.id);
    const mergeId = merges.record(survivor.id, merged.id, moved, took, at);
    merges.decide(suggestion.id, "accepted", mergeId, at);
    return { mergeId, suggestionId, survivorId: survivor.id, mergedId: merged.id, moved: counts(moved) };
  }

  function mergeReject(suggestionId: string) {
    const at = clock();
    const suggestion = merges.suggestion(suggestionId);
    if (!suggestion) throw inputError("merge.suggestion-not-found", { suggestionId }, "suggestionId");
    if (!merges.decide(suggestionId, "rejected", null, at)) throw inputError("merge.decided", { status: suggestion.status }, "suggestionId");
    return { suggestionId, customerId: suggestion.customerId, otherCustomerId: suggestion.otherCustomerId };
  }

  function mergeSplit(mergeId: string) {
    const at = clock();
    const merge = merges.merge(mergeId);
    if (!merge) throw inputError("merge.not-found", { mergeId }, "mergeId");
    if (merge.splitAt) throw inputError("merge.split", {}, "mergeId");
    // Merged on into a third customer since: the rows moved on too, so that merge is split first.
    const survivor = live(merge.survivorId);
    const merged = customers.state(merge.mergedId);
    if (!merged) throw inputError("customer.not-found", { customerId: merge.mergedId }, "mergeId");
    const moved = JSON.parse(merge.moved) as MovedRows;
    const took = JSON.parse(merge.took) as Took;
    merges.move(moved, survivor.id, merged.id);
    // What the survivor took goes back, unless it was changed since (then it is the survivor's own now).
    const own = fieldsOf(survivor.fields);
    const theirs = fieldsOf(merged.fields);
    for (const key of took.fields) if (JSON.stringify(own[key]) === JSON.stringify(theirs[key])) delete own[key];
    merges.setProfile(survivor.id, took.name && survivor.name === merged.name ? null : survivor.name, own);
    merges.setMergedInto(merged.id, null);
    merges.markSplit(mergeId, at);
    return { mergeId, survivorId: survivor.id, mergedId: merged.id, restored: counts(moved) };
  }

  return {
    /** Accepts a suggestion: the conversation's customer is merged into the one who held the identifier. */
    mergeAccept,
    /** Dismisses a suggestion (the same identifier does not raise it again for the pair). */
    mergeReject,
    /** Undoes a merge: every row it moved goes back, and what the survivor took from the merged customer. */
    mergeSplit,
  };
}

export type MergeCommands = ReturnType<typeof createMergeCommands>;
/** How customers/merges.ts has them run (the engine hands in its writer's). */
export type MergeCommits = { [K in keyof MergeCommands]: (arg: Parameters<MergeCommands[K]>[0]) => Promise<ReturnType<MergeCommands[K]>> };
