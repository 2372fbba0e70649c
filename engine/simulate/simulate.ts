import { compileFlow } from "../compiler/compile";
import { crmEventCatalogue } from "../contracts/crm-events";
import { INSTALLED_CHANNELS } from "../contracts/channels";
import type { Channel, CustomerRef, FlowEvent } from "../contracts/events";
import type { SimulatedWorld } from "../effects/define-effect";
import { simulateEffect, type Effect } from "../effects/registry";
import type { FlowDocument, FlowIssue } from "../contracts/flow";
import type { Expectation, FlowTestCase, SimulationStep } from "../contracts/simulation";
import { buildMachine } from "../runtime/machine";
import { eventStep, startStep, type InstanceStatus, type PersistedState, type StepResult } from "../runtime/step";
import { draftTriggers, dueEvent, refusal } from "./triggers";

/** Monday 2026-01-05 09:00 UTC: a business-hours start unless the caller picks another. */
export const SIMULATION_START = Date.UTC(2026, 0, 5, 9, 0, 0);

export type SimulatedStep = {
  /** Index of the script step that caused it. */
  input: number;
  event: FlowEvent;
  at: number;
  trail: string[];
  effects: Effect[];
  vars: Record<string, unknown>;
  state: unknown;
  status: InstanceStatus;
};

export type SimulationRun = {
  ok: boolean;
  issues: FlowIssue[];
  started: boolean;
  steps: SimulatedStep[];
  status: InstanceStatus | "not-started";
  outcome: string | null;
  sent: string[];
  /** Script lines that did nothing, and why (e.g. a task completed when none was open). */
  notes: { input: number; message: string }[];
};

export type SimulationOptions = {
  customer?: FlowTestCase["customer"];
  startAt?: number;
  /**
   * Channels with an adapter (live or sandboxed): a send on any other one is undeliverable, as it
   * would fail at run time. The engine passes its own; without an engine (saved template tests in
   * CI, node tests) every installed channel counts, so a test pins the flow, not one server's set-up.
   */
  deliverable?: readonly Channel[];
  /** Replaces a result the simulated world gives at once (a delivery), e.g. by the one a replayed run recorded. */
  answer?: (event: FlowEvent) => FlowEvent;
};

/** Who starts the flow in Simulate mode's "operator starts the flow" lines. */
const SIM_OPERATOR = "sim-operator";

/** An effect the flow waits on a result of (API answer, subflow result, delivery result). */
type Awaited = { key: string; nodeId: string };

/**
 * One simulated instance of a draft, fed event by event: the production step function, a
 * simulated clock (waits fast-forward and fire due timers) and a recording outbox, so nothing is
 * sent. Simulate mode's scripts (`simulateFlow`) and replays of recorded runs (`replay.ts`) drive it.
 * `input` is the index of what caused an event (a script line, a recorded step), kept on its steps and notes.
 */
export function createSimulation(doc: FlowDocument, opts: SimulationOptions = {}) {
  const compiled = compileFlow(doc);
  const run: SimulationRun = { ok: compiled.ok, issues: compiled.issues, started: false, steps: [], status: "not-started", outcome: null, sent: [], notes: [] };
  const machine = compiled.ok ? buildMachine(compiled.machine) : null;
  const triggers = draftTriggers(doc);
  const channel = opts.customer?.channel ?? "webchat";
  const scripted: CustomerRef = { id: "sim-customer", name: opts.customer ? opts.customer.name : "Test customer", channel, address: "sim-address" };
  const sim = { clock: opts.startAt ?? SIMULATION_START, state: null as PersistedState | null, seq: 0, customer: null as CustomerRef | null };
  const timers = new Map<string, { nodeId: string; dueAt: number }>();
  const tasks: Awaited[] = [];
  /** Effects a script line answers (API answers, subflow results), by kind, oldest first. */
  const awaiting = new Map<string, Awaited[]>();
  const reachable = new Set([channel, ...(opts.customer?.alsoOn ?? [])]);
  const deliverable = new Set<Channel>(opts.deliverable ?? INSTALLED_CHANNELS);
  const answers: FlowEvent[] = [];
  /** Notes why a line or event did nothing; false, for "not taken". */
  const note = (input: number, message: string): false => {
    run.notes.push({ input, message });
    return false;
  };
  const without = <T>(list: T[], drop: (item: T) => boolean) => list.splice(0, list.length, ...list.filter((item) => !drop(item)));
  /** The oldest of a list, preferring one asked for by `nodeId`; taken off the list. */
  const take = (list: Awaited[] | undefined, nodeId?: string) => {
    if (!list?.length) return undefined;
    const at = Math.max(nodeId ? list.findIndex((a) => a.nodeId === nodeId) : -1, 0);
    return list.splice(at, 1)[0];
  };

  /** The simulated world as the effects of one step see it (effects/<kind>.ts say how each is faked). */
  const world = (input: number, at: number): SimulatedWorld => ({
    at,
    hasCustomer: !!sim.customer,
    channel,
    reachable: (to) => reachable.has(to),
    deliverable: (to) => deliverable.has(to),
    send: (text) => void run.sent.push(text),
    note: (message) => void note(input, message),
    answer: (event) => void answers.push(opts.answer?.(event) ?? event),
    setTimer: (key, nodeId, dueAt) => void timers.set(key, { nodeId, dueAt }),
    cancelTimer: (key) => void timers.delete(key),
    openTask: (key, nodeId) => void tasks.push({ key, nodeId }),
    expectAnswer: (kind, effect) => void awaiting.set(kind, [...(awaiting.get(kind) ?? []), { key: effect.key, nodeId: effect.nodeId }]),
    forget(keys) {
      for (const key of keys) timers.delete(key);
      without(tasks, (task) => keys.includes(task.key));
      for (const list of awaiting.values()) without(list, (a) => keys.includes(a.key));
    },
  });

  const record = (input: number, event: FlowEvent, result: StepResult) => {
    sim.state = JSON.parse(JSON.stringify(result.state)) as PersistedState; // exactly what the store would keep
    const here = world(input, event.at);
    for (const effect of result.effects) simulateEffect(effect, here);
    run.steps.push({
      input,
      event,
      at: event.at,
      trail: result.trail,
      effects: result.effects,
      vars: result.state.context.vars,
      state: result.state.value,
      status: result.status,
    });
    run.status = result.status;
    run.outcome = result.state.context.outcome;
    // Results come back as events right after the step that caused them (the simulated channel is instant).
    const next = answers.shift();
    if (next) apply(input, next);
  };

  /** Starts the instance on its first event (about `who`), then feeds it the following ones; false when nothing took it. */
  const apply = (input: number, event: FlowEvent, who: CustomerRef | null = scripted): boolean => {
    if (!machine) return false;
    if (!sim.state) {
      const refused = refusal(triggers, event);
      if (refused) return note(input, refused);
      run.started = true;
      sim.customer = who;
      const conversationId = who && "sim-conversation";
      record(input, event, startStep(machine, { instanceId: "sim", flowId: "draft", versionId: "draft", conversationId, customer: who, event }));
      return true;
    }
    if (run.status !== "waiting") return note(input, `the instance is ${run.status}; ${event.type} ignored`);
    record(input, event, eventStep(machine, sim.state, event));
    return true;
  };

  /** Webhooks, schedules, operators and calling flows start new instances only; they never reach a running one. */
  const start = (input: number, event: FlowEvent, who: CustomerRef | null = scripted) =>
    sim.state ? note(input, `the instance has already started; ${event.type} only starts new ones`) : apply(input, event, who);

  return {
    run,
    /** The simulated clock (ms): where the next event happens. */
    now: () => sim.clock,
    /** A fresh number for simulated ids (message ids, the calling flow's effect key). */
    nextSeq: () => ++sim.seq,
    note,
    apply,
    start,
    /** Moves the clock to `until`, firing every timer due by then in order; how many fired. */
    advance(input: number, until: number) {
      let fired = 0;
      for (;;) {
        const due = [...timers].filter(([, t]) => t.dueAt <= until).sort((a, b) => a[1].dueAt - b[1].dueAt)[0];
        if (!due) break;
        timers.delete(due[0]);
        sim.clock = Math.max(sim.clock, due[1].dueAt);
        fired++;
        apply(input, { type: "timer.fired", at: sim.clock, timerId: due[0], nodeId: due[1].nodeId });
      }
      sim.clock = Math.max(sim.clock, until);
      return fired;
    },
    /** Answers the oldest effect of a kind the flow waits on (that of `nodeId` first) with its result event. */
    answer(input: number, kind: Effect["kind"], none: string, result: (effect: Awaited) => FlowEvent, nodeId?: string) {
      const effect = take(awaiting.get(kind), nodeId);
      return effect ? apply(input, result(effect)) : note(input, none);
    },
    /** Completes the newest open task (that of `nodeId` first) with an outcome. */
    completeTask(input: number, outcome: string, nodeId?: string) {
      const task = nodeId && tasks.some((t) => t.nodeId === nodeId) ? take(tasks, nodeId) : tasks.pop();
      if (!task) return note(input, "no open task to complete");
      return apply(input, { type: "task.completed", at: sim.clock, taskId: task.key, nodeId: "", outcome });
    },
  };
}

/** Runs a draft on a scripted sequence of events (Simulate mode, saved test cases). */
export function simulateFlow(doc: FlowDocument, script: SimulationStep[], opts: SimulationOptions = {}): SimulationRun {
  const sim = createSimulation(doc, opts);
  if (!sim.run.ok) return sim.run;
  script.forEach((step, input) => {
    const at = sim.now();
    switch (step.do) {
      case "message":
        return sim.apply(input, {
          type: "message.received",
          at,
          messageId: `sim-${sim.nextSeq()}`,
          text: step.text,
          channel: opts.customer?.channel ?? "webchat",
        });
      case "crm-event": {
        const payload = crmEventCatalogue[step.name].payload.safeParse(step.payload);
        if (!payload.success)
          return sim.note(input, `${step.name} payload: ${payload.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
        return sim.apply(input, { type: "crm.event", at, eventId: `sim-${sim.nextSeq()}`, name: step.name, payload: payload.data });
      }
      case "webhook":
        return sim.start(input, { type: "webhook.received", at, hook: step.hook, payload: step.payload });
      case "schedule": {
        const due = dueEvent(draftTriggers(doc), at);
        return "note" in due ? sim.note(input, due.note) : sim.start(input, due.event, null);
      }
      case "operator-start":
        return sim.start(input, { type: "flow.started", at, by: SIM_OPERATOR, note: step.note });
      case "subflow-call":
        return sim.start(input, { type: "subflow.called", at, parentInstanceId: "sim-parent", key: `sim-parent:${sim.nextSeq()}`, inputs: step.inputs });
      case "http-response":
        return sim.answer(input, "http.request", "no HTTP request is waiting for an answer", (r) => ({
          type: "http.responded",
          at,
          ...r,
          status: step.status,
          body: step.body ?? null,
        }));
      case "subflow-result":
        return sim.answer(input, "subflow.start", "no subflow is waiting for a result", (r) => ({
          type: "subflow.completed",
          at,
          ...r,
          outcome: step.outcome,
          outputs: step.outputs,
        }));
      case "complete-task":
        return sim.completeTask(input, step.outcome);
      case "wait":
        return sim.advance(input, at + step.seconds * 1000);
    }
  });
  return sim.run;
}

/** Checks a run against a test case's expectations; each failure is a readable sentence. */
export function checkExpectations(run: SimulationRun, expect: Expectation): string[] {
  const failures: string[] = [];
  if (!run.ok) return [`the flow does not compile: ${run.issues.map((i) => i.message).join(" ")}`];
  if (expect.status && run.status !== expect.status) failures.push(`expected the instance to be ${expect.status}, it is ${run.status}`);
  if (expect.outcome !== undefined && run.outcome !== expect.outcome)
    failures.push(`expected outcome "${expect.outcome}", got ${run.outcome === null ? "none" : `"${run.outcome}"`}`);
  expect.sent?.forEach((text, i) => {
    if (!run.sent[i]?.includes(text))
      failures.push(`message ${i + 1} should contain "${text}", it was ${run.sent[i] === undefined ? "never sent" : `"${run.sent[i]}"`}`);
  });
  if (expect.sent && run.sent.length > expect.sent.length) failures.push(`expected ${expect.sent.length} messages, ${run.sent.length} were sent`);
  if (expect.path) {
    const visited = run.steps.flatMap((s) => s.trail);
    let from = 0;
    for (const nodeId of expect.path) {
      const at = visited.indexOf(nodeId, from);
      if (at < 0) {
        failures.push(
          `expected the path to pass ${nodeId} (after ${expect.path.slice(0, expect.path.indexOf(nodeId)).join(" → ") || "the start"}); it went ${visited.join(" → ")}`,
        );
        break;
      }
      from = at + 1;
    }
  }
  const vars = run.steps.at(-1)?.vars ?? {};
  for (const [name, value] of Object.entries(expect.vars ?? {})) {
    if (JSON.stringify(vars[name]) !== JSON.stringify(value))
      failures.push(`expected vars.${name} = ${JSON.stringify(value)}, got ${JSON.stringify(vars[name])}`);
  }
  return failures;
}

/** Runs one saved test case (`deliverable`: see SimulationOptions). */
export function runTestCase(doc: FlowDocument, test: FlowTestCase, deliverable?: readonly Channel[]) {
  const run = simulateFlow(doc, test.steps, { customer: test.customer, deliverable });
  return { run, failures: checkExpectations(run, test.expect) };
}
