import { claimsOf, type TriggerOf, type TriggerRanks } from "../compiler/triggers";
import { inputError } from "../contracts/errors";
import type { ClaimOrder } from "../store/flows";

type Worded = { en: string; ru: string };

/** Another active, published flow whose triggers take some of the same events. */
export type Overlap = {
  flowId: string;
  name: string;
  /** What the other flow listens to where they meet. */
  listensTo: Worded;
  /** The claim keys both take. */
  claims: string[];
  /** Whether the owners already said, on every shared claim, which of the two goes first. */
  ordered: boolean;
  /**
   * Whether the other flow takes every event this one takes, and more ("any channel" beside
   * "Telegram"): the narrower flow is proposed first, as a flow for one channel is meant to answer there.
   */
  broader: boolean;
};

export type Claimant = { flowId: string; name: string; triggers: TriggerOf[] };

/** Where `triggers` (a flow about to publish, or to be reactivated) meet the triggers of `others`. */
export function overlapsOf(flowId: string, triggers: TriggerOf[], others: Claimant[], ranks: TriggerRanks): Overlap[] {
  const mine = claimsOf(triggers);
  return others.flatMap((other) => {
    if (other.flowId === flowId) return [];
    const theirs = claimsOf(other.triggers);
    const claims = [...theirs.keys()].filter((key) => mine.has(key));
    if (!claims.length) return [];
    const ordered = claims.every((key) => ranks.get(key)?.has(flowId) && ranks.get(key)?.has(other.flowId));
    const broader = claims.length === mine.size && theirs.size > mine.size;
    return [{ flowId: other.flowId, name: other.name, listensTo: theirs.get(claims[0])!, claims, ordered, broader }];
  });
}

/**
 * The claim orders to store for the owner's `order` (flow ids, first goes first; it names this
 * flow and the flows it overlaps). Without one, a flow that overlaps another not yet ordered is
 * refused, naming that flow. On each shared claim the ordered flows come first, in the owner's
 * order; flows ranked there before (deactivated ones) keep their order after them.
 */
export function claimOrders(flowId: string, overlaps: Overlap[], order: string[] | undefined, ranks: TriggerRanks, selfName: string): ClaimOrder[] {
  const unordered = overlaps.filter((o) => !o.ordered);
  if (!order) {
    const first = unordered[0];
    if (first) throw inputError("flow.trigger-overlap", { flow: first.name, listensTo: first.listensTo }, "order");
    return [];
  }
  const missing = [{ flowId, name: selfName }, ...unordered].find((o) => !order.includes(o.flowId));
  if (missing) throw inputError("flow.order-incomplete", { flow: missing.name }, "order");
  const stranger = order.find((id) => id !== flowId && !overlaps.some((o) => o.flowId === id));
  if (stranger) throw inputError("flow.order-unknown", { flowId: stranger }, "order");

  const claims = new Set(overlaps.flatMap((o) => o.claims));
  return [...claims].map((claim) => {
    const takes = (id: string) => id === flowId || overlaps.some((o) => o.flowId === id && o.claims.includes(claim));
    const before = [...(ranks.get(claim) ?? new Map<string, number>()).entries()].sort((a, b) => a[1] - b[1]).map(([id]) => id);
    return { claim, flowIds: [...order.filter(takes), ...before.filter((id) => !order.includes(id))] };
  });
}
