import type { FlowDocument } from "../contracts/flow";
import { findNodeSpec } from "../../nodes/registry";

/** Per claim key (where published triggers overlap), each ranked flow's place: 0 goes first. */
export type TriggerRanks = Map<string, Map<string, number>>;

/** A trigger node's type and its parsed settings. */
export type TriggerOf = { type: string; settings: Record<string, unknown> };

/** The document's trigger nodes, parsed as the compiler does (a trigger stored without settings gets its defaults). */
export function triggersOf(document: FlowDocument): TriggerOf[] {
  return document.nodes.flatMap((n) => {
    const spec = findNodeSpec(n.type);
    const settings = spec?.trigger ? spec.settings.safeParse(n.settings) : null;
    return settings?.success ? [{ type: n.type, settings: settings.data as Record<string, unknown> }] : [];
  });
}

const triggerSpec = (t: TriggerOf) => findNodeSpec(t.type)?.trigger;

/** The claim keys of some triggers (see the trigger spec's `claims`), each with the trigger's `listensTo`. */
export function claimsOf(triggers: TriggerOf[]): Map<string, { en: string; ru: string }> {
  const claims = new Map<string, { en: string; ru: string }>();
  for (const t of triggers) {
    const spec = triggerSpec(t);
    for (const key of spec?.claims?.keys(t.settings as never) ?? []) claims.set(key, spec!.listensTo(t.settings as never));
  }
  return claims;
}

/** What some triggers listen to, in each language, for the flows list. */
export const listensTo = (triggers: TriggerOf[]) => triggers.flatMap((t) => triggerSpec(t)?.listensTo(t.settings as never) ?? []);
