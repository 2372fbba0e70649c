import { compileFlow } from "../compiler/compile";
import { crmEventCatalogue } from "../contracts/crm-events";
import type { CustomerRef, Effect, FlowEvent } from "../contracts/events";
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

/** Who starts the flow in Simulate mode's "operator starts the flow" lines. */
const SIM_OPERATOR = "sim-operator";

/**
 * Runs a draft on a scripted sequence of events with the production step function, a simulated
 * clock (waits fast-forward and fire due timers) and a recording outbox: nothing is sent.
 */
export function simulateFlow(doc: FlowDocument, script: SimulationStep[], opts: { customer?: FlowTestCase["customer"]; startAt?: number } = {}): SimulationRun {
  const compiled = compileFlow(doc);
  const run: SimulationRun = { ok: compiled.ok, issues: compiled.issues, started: false, steps: [], status: "not-started", outcome: null, sent: [], notes: [] };
  if (!compiled.ok) return run;
  const machine = buildMachine(compiled.machine);
  const triggers = draftTriggers(doc);
  const channel = opts.customer?.channel ?? "webchat";
  const scripted: CustomerRef = { id: "sim-customer", name: opts.customer ? opts.customer.name : "Test customer", channel, address: "sim-address" };
  const sim = { clock: opts.startAt ?? SIMULATION_START, state: null as PersistedState | null, seq: 0, customer: null as CustomerRef | null };
  const timers = new Map<string, { nodeId: string; dueAt: number }>();
  const tasks: string[] = [];
  /** Effects a script line answers, oldest first. */
  const awaiting: Record<"http.request" | "subflow.start", { key: string; nodeId: string }[]> = { "http.request": [], "subflow.start": [] };
  const reachable = new Set([channel, ...(opts.customer?.alsoOn ?? [])]);
  const deliveries: FlowEvent[] = [];
  const note = (input: number, message: string) => void run.notes.push({ input, message });

  const record = (input: number, event: FlowEvent, result: StepResult) => {
    sim.state = JSON.parse(JSON.stringify(result.state)) as PersistedState; // exactly what the store would keep
    for (const effect of result.effects) {
      if (effect.kind === "message.send") {
        // As in production, an instance without a customer has no conversation to write in.
        if (!sim.customer) note(input, `${effect.nodeId}: nothing sent, the instance has no customer (a schedule starts it for nobody)`);
        const to = effect.channel ?? channel;
        if (sim.customer && reachable.has(to)) run.sent.push(effect.channel ? `[${to}] ${effect.text}` : effect.text);
        if (sim.customer && effect.awaitDelivery) {
          deliveries.push(reachable.has(to)
            ? { type: "message.delivered", at: event.at, key: effect.key, nodeId: effect.nodeId }
            : { type: "message.failed", at: event.at, key: effect.key, nodeId: effect.nodeId, error: `the customer has no ${to} address` });
        }
      }
      if (effect.kind === "timer.set") timers.set(effect.key, { nodeId: effect.nodeId, dueAt: event.at + effect.delayMs });
      if (effect.kind === "timer.cancel") timers.delete(effect.timerId);
      if (effect.kind === "task.create") tasks.push(effect.key);
      if (effect.kind === "http.request" || effect.kind === "subflow.start") awaiting[effect.kind].push({ key: effect.key, nodeId: effect.nodeId });
      // A branch stopped by a Join: its timers never fire, its tasks and calls are no longer answered.
      if (effect.kind === "wait.abandon") {
        for (const key of effect.keys) timers.delete(key);
        tasks.splice(0, tasks.length, ...tasks.filter((key) => !effect.keys.includes(key)));
        for (const list of Object.values(awaiting)) list.splice(0, list.length, ...list.filter((a) => !effect.keys.includes(a.key)));
      }
    }
    run.steps.push({ input, event, at: event.at, trail: result.trail, effects: result.effects, vars: result.state.context.vars, state: result.state.value, status: result.status });
    run.status = result.status;
    run.outcome = result.state.context.outcome;
    // Delivery results come back as events right after the step that sent (the simulated channel is instant).
    const next = deliveries.shift();
    if (next) apply(input, next);
  };

  /** Starts the instance on its first event (about `who`), then feeds it the following ones. */
  const apply = (input: number, event: FlowEvent, who: CustomerRef | null = scripted) => {
    if (!sim.state) {
      const refused = refusal(triggers, event);
      if (refused) return note(input, refused);
      run.started = true;
      sim.customer = who;
      const conversationId = who && "sim-conversation";
      return record(input, event, startStep(machine, { instanceId: "sim", flowId: "draft", versionId: "draft", conversationId, customer: who, event }));
    }
    if (run.status !== "waiting") return note(input, `the instance is ${run.status}; ${event.type} ignored`);
    record(input, event, eventStep(machine, sim.state, event));
  };

  /** Webhooks, schedules, operators and calling flows start new instances only; they never reach a running one. */
  const start = (input: number, event: FlowEvent, who: CustomerRef | null = scripted) =>
    sim.state ? note(input, `the instance has already started; ${event.type} only starts new ones`) : apply(input, event, who);

  /** Answers the oldest effect of a kind the flow waits on with its result event. */
  const answer = (input: number, kind: keyof typeof awaiting, none: string, result: (effect: { key: string; nodeId: string }) => FlowEvent) => {
    const effect = awaiting[kind].shift();
    return effect ? apply(input, result(effect)) : note(input, none);
  };

  script.forEach((step, input) => {
    const at = sim.clock;
    switch (step.do) {
      case "message":
        return apply(input, { type: "message.received", at, messageId: `sim-${++sim.seq}`, text: step.text, channel });
      case "crm-event": {
        const payload = crmEventCatalogue[step.name].payload.safeParse(step.payload);
        if (!payload.success) return note(input, `${step.name} payload: ${payload.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
        return apply(input, { type: "crm.event", at, eventId: `sim-${++sim.seq}`, name: step.name, payload: payload.data });
      }
      case "webhook":
        return start(input, { type: "webhook.received", at, hook: step.hook, payload: step.payload });
      case "schedule": {
        const due = dueEvent(triggers, at);
        return "note" in due ? note(input, due.note) : start(input, due.event, null);
      }
      case "operator-start":
        return start(input, { type: "flow.started", at, by: SIM_OPERATOR, note: step.note });
      case "subflow-call":
        return start(input, { type: "subflow.called", at, parentInstanceId: "sim-parent", key: `sim-parent:${++sim.seq}`, inputs: step.inputs });
      case "http-response":
        return answer(input, "http.request", "no HTTP request is waiting for an answer", (r) => ({ type: "http.responded", at, ...r, status: step.status, body: step.body ?? null }));
      case "subflow-result":
        return answer(input, "subflow.start", "no subflow is waiting for a result", (r) => ({ type: "subflow.completed", at, ...r, outcome: step.outcome, outputs: step.outputs }));
      case "complete-task": {
        const taskId = tasks.pop();
        if (!taskId) return note(input, "no open task to complete");
        return apply(input, { type: "task.completed", at, taskId, nodeId: "", outcome: step.outcome });
      }
      case "wait": {
        const until = at + step.seconds * 1000;
        for (;;) {
          const due = [...timers].filter(([, t]) => t.dueAt <= until).sort((a, b) => a[1].dueAt - b[1].dueAt)[0];
          if (!due) break;
          timers.delete(due[0]);
          sim.clock = Math.max(sim.clock, due[1].dueAt);
          apply(input, { type: "timer.fired", at: sim.clock, timerId: due[0], nodeId: due[1].nodeId });
        }
        sim.clock = until;
      }
    }
  });
  return run;
}

/** Checks a run against a test case's expectations; each failure is a readable sentence. */
export function checkExpectations(run: SimulationRun, expect: Expectation): string[] {
  const failures: string[] = [];
  if (!run.ok) return [`the flow does not compile: ${run.issues.map((i) => i.message).join(" ")}`];
  if (expect.status && run.status !== expect.status) failures.push(`expected the instance to be ${expect.status}, it is ${run.status}`);
  if (expect.outcome !== undefined && run.outcome !== expect.outcome) failures.push(`expected outcome "${expect.outcome}", got ${run.outcome === null ? "none" : `"${run.outcome}"`}`);
  expect.sent?.forEach((text, i) => {
    if (!run.sent[i]?.includes(text)) failures.push(`message ${i + 1} should contain "${text}", it was ${run.sent[i] === undefined ? "never sent" : `"${run.sent[i]}"`}`);
  });
  if (expect.sent && run.sent.length > expect.sent.length) failures.push(`expected ${expect.sent.length} messages, ${run.sent.length} were sent`);
  if (expect.path) {
    const visited = run.steps.flatMap((s) => s.trail);
    let from = 0;
    for (const nodeId of expect.path) {
      const at = visited.indexOf(nodeId, from);
      if (at < 0) {
        failures.push(`expected the path to pass ${nodeId} (after ${expect.path.slice(0, expect.path.indexOf(nodeId)).join(" → ") || "the start"}); it went ${visited.join(" → ")}`);
        break;
      }
      from = at + 1;
    }
  }
  const vars = run.steps.at(-1)?.vars ?? {};
  for (const [name, value] of Object.entries(expect.vars ?? {})) {
    if (JSON.stringify(vars[name]) !== JSON.stringify(value)) failures.push(`expected vars.${name} = ${JSON.stringify(value)}, got ${JSON.stringify(vars[name])}`);
  }
  return failures;
}

/** Runs one saved test case. */
export function runTestCase(doc: FlowDocument, test: FlowTestCase) {
  const run = simulateFlow(doc, test.steps, { customer: test.customer });
  return { run, failures: checkExpectations(run, test.expect) };
}
