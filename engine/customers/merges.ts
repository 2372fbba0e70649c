import type { MovedRows, SuggestionRow } from "../store/merges";
import { counts, type MergeCommits, type MergeStore } from "./merge-commands";

/**
 * Merging two customers an operator judged to be one person, and undoing it. Nothing merges
 * silently: a conversation that yields another customer's phone or e-mail raises a suggestion
 * (ingress/identity.ts); accepting it moves the customer the conversation was with into the one
 * who already held the identifier (the survivor): identities, conversations, cases, tasks,
 * instances, notifications, hand-offs, and the fields and name the survivor lacked. The merge
 * record keeps the id of every row it moved, so a split moves exactly those back. Each act is one
 * writer command (merge-commands.ts), committed on its own or not at all.
 */
export function createMerges(store: MergeStore, commits: MergeCommits) {
  const { customers, merges } = store;

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
    accept: commits.mergeAccept,
    /** Dismisses a suggestion (the same identifier does not raise it again for the pair). */
    reject: commits.mergeReject,
    /** Undoes a merge: every row it moved goes back, and what the survivor took from the merged customer. */
    split: commits.mergeSplit,
  };
}

export type Merges = ReturnType<typeof createMerges>;
