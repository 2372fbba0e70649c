import { inputError } from "../contracts/errors";
import type { Store } from "../store/index";
import type { MovedRows, SuggestionRow, Took } from "../store/merges";

type MergeStore = Pick<Store, "customers" | "merges">;
/** Runs a unit of work in the engine's write path (the group commit) and resolves once it is committed. */
export type Submit = <T>(work: () => T) => Promise<T>;

const fieldsOf = (json: string) => JSON.parse(json) as Record<string, unknown>;
const counts = (rows: MovedRows) => Object.fromEntries(Object.entries(rows).map(([table, ids]) => [table, ids.length])) as Record<keyof MovedRows, number>;

/**
 * Merging two customers an operator judged to be one person, and undoing it. Nothing merges
 * silently: a conversation that yields another customer's phone or e-mail raises a suggestion
 * (ingress/identity.ts); accepting it moves the customer the conversation was with into the one
 * who already held the identifier (the survivor): identities, conversations, cases, tasks,
 * instances, notifications, hand-offs, and the fields and name the survivor lacked. The merge
 * record keeps the id of every row it moved, so a split moves exactly those back. Each act is one
 * unit of the group commit (its own savepoint: a refused one writes nothing).
 */
export function createMerges(store: MergeStore, submit: Submit, clock: () => number) {
  const { customers, merges } = store;

  function live(customerId: string) {
    const customer = customers.state(customerId);
    if (!customer || customer.erasedAt) throw inputError("customer.not-found", { customerId }, "customerId");
    if (customer.mergedIntoId) throw inputError("customer.merged", { customerId }, "customerId");
    return customer;
  }

  /** A side of a suggestion as the operator previews it: who, known how, and how much of their history joins. */
  function side(customerId: string) {
    const customer = customers.state(customerId);
    return {
      id: customerId,
      name: customer?.name ?? null,
      identities: customers.identitiesOf(customerId).map(({ channel, address }) => ({ channel, address })),
      counts: counts(merges.rowsOf(customerId)),
    };
  }

  const isLive = (s: SuggestionRow) => [s.customerId, s.otherCustomerId].every((id) => !customers.state(id)?.mergedIntoId);

  function acceptNow(suggestionId: string, at: number) {
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

  function rejectNow(suggestionId: string, at: number) {
    const suggestion = merges.suggestion(suggestionId);
    if (!suggestion) throw inputError("merge.suggestion-not-found", { suggestionId }, "suggestionId");
    if (!merges.decide(suggestionId, "rejected", null, at)) throw inputError("merge.decided", { status: suggestion.status }, "suggestionId");
    return { suggestionId, customerId: suggestion.customerId, otherCustomerId: suggestion.otherCustomerId };
  }

  function splitNow(mergeId: string, at: number) {
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
    /** Open merge suggestions the customer is part of, each with a preview of both sides. */
    suggestions(customerId: string) {
      return merges
        .openFor(customerId)
        .filter(isLive)
        .map((s) => ({
          id: s.id,
          kind: s.kind,
          value: s.value,
          source: s.source,
          createdAt: s.createdAt,
          merged: side(s.customerId),
          survivor: side(s.otherCustomerId),
        }));
    },
    /** Merges into the customer, newest first; those not split can be. */
    mergesInto(customerId: string) {
      return merges.mergesInto(customerId).map((m) => ({
        id: m.id,
        mergedId: m.mergedId,
        mergedName: customers.state(m.mergedId)?.name ?? null,
        moved: counts(JSON.parse(m.moved) as MovedRows),
        createdAt: m.createdAt,
        splitAt: m.splitAt,
      }));
    },
    /** Accepts a suggestion: the conversation's customer is merged into the one who held the identifier. */
    accept: (suggestionId: string) => submit(() => acceptNow(suggestionId, clock())),
    /** Dismisses a suggestion (the same identifier does not raise it again for the pair). */
    reject: (suggestionId: string) => submit(() => rejectNow(suggestionId, clock())),
    /** Undoes a merge: every row it moved goes back, and what the survivor took from the merged customer. */
    split: (mergeId: string) => submit(() => splitNow(mergeId, clock())),
  };
}

export type Merges = ReturnType<typeof createMerges>;
