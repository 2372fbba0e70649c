import type { Channel, FlowEvent } from "../contracts/events";
import type { FlowDocument } from "../contracts/flow";
import type { Effect } from "../effects/registry";
import { findNodeSpec } from "../../nodes/registry";
import { firstDivergence, type LoggedEffect, type PathEntry, sentDifference, sentTexts } from "./divergence";
import { createSimulation, type SimulationRun } from "./simulate";

/** A finished or waiting instance as its log recorded it: the version it ran on and every step, in order. */
export type RecordedRun = {
  document: FlowDocument;
  status: string;
  customer: { name: string | null; channel: Channel } | null;
  steps: { step: number; type: string; payload: unknown; trail: string[]; effects: LoggedEffect[] }[];
};

/**
 * Why the draft did not take a recorded event: it never started on it, had already ended, had
 * nothing of that kind to answer (no task, call or timer), or waited on something else.
 */
export type UnconsumedReason = "not-started" | "ended" | "nothing-waiting" | "ignored";

/** A node on a path, with its type in the document it belongs to (null: not in it), and its English name. */
export type NamedNode = { nodeId: string; type: string | null; name: string };

export type Replay = {
  /** The draft's run, as Simulate mode shows it; each step's `input` is the index of the recorded step that caused it. */
  run: SimulationRun;
  real: { status: string; path: (PathEntry & NamedNode)[] };
  draft: { status: SimulationRun["status"]; path: (PathEntry & NamedNode)[] };
  /** Where the draft leaves the real path (null: the same path). */
  divergence: { index: number; step: number; real: NamedNode | null; draft: NamedNode | null } | null;
  unconsumed: { step: number; type: string; reason: UnconsumedReason; event: FlowEvent }[];
  sent: ReturnType<typeof sentDifference>;
};

/** Results of effects, answered on the draft's own wait for the same kind (the one at the recorded node first). */
const ANSWERS: Partial<Record<FlowEvent["type"], Effect["kind"]>> = {
  "http.responded": "http.request",
  "http.failed": "http.request",
  "subflow.completed": "subflow.start",
  "subflow.failed": "subflow.start",
};
/** Events that only start an instance (a running one never gets them). */
const STARTS_ONLY = new Set<FlowEvent["type"]>(["webhook.received", "schedule.fired", "flow.started", "subflow.called"]);
const isDelivery = (e: FlowEvent) => e.type === "message.delivered" || e.type === "message.failed";

function named(doc: FlowDocument, nodeId: string): NamedNode {
  const type = doc.nodes.find((n) => n.id === nodeId)?.type ?? null;
  const title = type ? (findNodeSpec(type)?.title ?? type) : "not in this version";
  return { nodeId, type, name: `${title} (${nodeId})` };
}

/**
 * Feeds a recorded run's events through the draft in the simulator, at the times they happened
 * (the draft's own timers fire as the clock passes them): messages, timer firings, task outcomes
 * and effect results as recorded. Then compares the paths and the sends.
 */
export function replayOnDraft(draft: FlowDocument, recorded: RecordedRun, deliverable?: readonly Channel[]): Replay {
  // The log also keeps non-events (`instance.stopped`, a limit reached): they are not inputs.
  const steps = recorded.steps.filter((s) => s.type !== "instance.stopped");
  const events = steps.map((s) => s.payload as FlowEvent);
  const taken = new Set<number>();
  const sim = createSimulation(draft, {
    customer: recorded.customer ? { ...recorded.customer, alsoOn: [] } : undefined,
    startAt: events[0]?.at,
    deliverable,
    // A send the draft awaits is answered by the delivery the record has for that node, if any.
    answer(event) {
      if (!isDelivery(event) || !("nodeId" in event)) return event;
      const i = events.findIndex((e, j) => !taken.has(j) && isDelivery(e) && "nodeId" in e && e.nodeId === event.nodeId);
      if (i < 0) return event;
      taken.add(i);
      return { ...events[i], at: event.at, key: "key" in event ? event.key : "", nodeId: event.nodeId } as FlowEvent;
    },
  });
  const unconsumed: Replay["unconsumed"] = [];
  const { run } = sim;
  // Production completes tasks by id; the step that created one says which node it waits in.
  const taskNodes = new Map(steps.flatMap((s) => s.effects.filter((e) => e.kind === "task.create").map((e) => [e.key, e.nodeId] as const)));

  events.forEach((event, i) => {
    if (taken.has(i) || !run.ok) return;
    const fired = sim.advance(i, event.at);
    const mark = run.steps.length;
    const took = feed(i, event, fired);
    const own = run.steps[mark];
    const reason: UnconsumedReason | null = !run.started
      ? "not-started"
      : !took
        ? run.status === "waiting"
          ? "nothing-waiting"
          : "ended"
        : own && own.trail.length === 0 && own.effects.length === 0
          ? "ignored"
          : null;
    if (reason) unconsumed.push({ step: steps[i].step, type: event.type, reason, event });
  });

  /** Applies one recorded event the way production delivered it; false when the draft had nothing to take it. */
  function feed(i: number, event: FlowEvent, firedTimers: number): boolean {
    if (event.type === "timer.fired") return firedTimers > 0;
    if (isDelivery(event)) return false; // the draft never awaited this send, or it ended before
    if (event.type === "task.completed") return sim.completeTask(i, event.outcome, taskNodes.get(event.taskId));
    const kind = ANSWERS[event.type];
    if (kind && "nodeId" in event)
      return sim.answer(i, kind, `nothing waits for ${event.type}`, (waiting) => ({ ...event, ...waiting }) as FlowEvent, event.nodeId);
    const who = event.type === "schedule.fired" ? null : undefined;
    return STARTS_ONLY.has(event.type) ? sim.start(i, event, who) : sim.apply(i, event, who);
  }

  const real = steps.flatMap((s) => s.trail.map((nodeId) => ({ step: s.step, ...named(recorded.document, nodeId) })));
  const path = run.steps.flatMap((s) => s.trail.map((nodeId) => ({ step: steps[s.input].step, ...named(draft, nodeId) })));
  const divergence = firstDivergence(real, path);
  return {
    run,
    real: { status: recorded.status, path: real },
    draft: { status: run.status, path },
    divergence: divergence && {
      ...divergence,
      real: divergence.real === null ? null : named(recorded.document, divergence.real),
      draft: divergence.draft === null ? null : named(draft, divergence.draft),
    },
    unconsumed,
    sent: sentDifference(sentTexts(steps.flatMap((s) => s.effects)), sentTexts(run.steps.flatMap((s) => s.effects as LoggedEffect[]))),
  };
}
