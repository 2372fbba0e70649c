import type { FlowEvent } from "../contracts/events";
import type { FlowDocument } from "../contracts/flow";
import type { NodeSpec } from "../../nodes/_kit/define-node";
import { findNodeSpec, nodeSpecs } from "../../nodes/registry";

type Trigger = NonNullable<NodeSpec["trigger"]>;
/** A trigger node of the draft with its parsed settings (typed loosely: each spec knows its own). */
export type DraftTrigger = { trigger: Trigger; settings: never };

export function draftTriggers(doc: FlowDocument): DraftTrigger[] {
  return doc.nodes.flatMap((node) => {
    const spec = findNodeSpec(node.type);
    if (!spec?.trigger) return [];
    const settings = spec.settings.safeParse(node.settings);
    return settings.success ? [{ trigger: spec.trigger, settings: settings.data as never }] : [];
  });
}

/** Why no trigger takes the event, in the words of the draft. */
function unmatched(triggers: DraftTrigger[], event: FlowEvent): string {
  if (!triggers.some((t) => t.trigger.event === event.type)) {
    const spec = nodeSpecs.find((s) => s.trigger?.event === event.type);
    if (spec) return `the draft has no “${spec.title}” trigger`;
  }
  if (event.type === "webhook.received") return `no trigger takes a webhook named "${event.hook}"`;
  return `no trigger starts on ${event.type}`;
}

/**
 * Why the draft would not start on the event, or null when it would. Payloads are checked by
 * the triggers that take the event, as the live endpoints check them before accepting a call.
 */
export function refusal(triggers: DraftTrigger[], event: FlowEvent): string | null {
  const taking = triggers.filter((t) => t.trigger.matches(t.settings, event));
  if (taking.length === 0) return unmatched(triggers, event);
  const problem = taking.map((t) => t.trigger.check?.(t.settings, event)).find((p) => p);
  return problem ? `${problem.field}: ${problem.message}` : null;
}

/**
 * The event a time-driven trigger (schedule) starts the flow with at `at`, built by the trigger's
 * own poll so it equals production's: the latest due time at or before `at`.
 */
export function dueEvent(triggers: DraftTrigger[], at: number): { event: FlowEvent } | { note: string } {
  const polled = triggers.flatMap((t) => (t.trigger.poll ? [{ poll: t.trigger.poll, settings: t.settings }] : []));
  if (polled.length === 0) return { note: "the draft has no trigger that runs on a schedule" };
  const due = polled
    .map((p) => ({ ...p, due: p.poll.lastDue(p.settings, at) }))
    .filter((p): p is typeof p & { due: number } => p.due !== null)
    .sort((a, b) => b.due - a.due)[0];
  if (!due) return { note: `the schedule was never due by ${new Date(at).toISOString()}` };
  return { event: due.poll.event(due.settings, due.due, at) };
}
