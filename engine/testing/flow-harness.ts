/**
 * Runs a flow document through the pure step functions, with no database: compile, build the
 * machine, then feed events one at a time and keep what each step returned.
 */
import type { AnyStateMachine } from "xstate";
import { compileFlow, type MachineJson } from "../compiler/compile";
import type { Channel, CustomerRef, FlowEvent } from "../contracts/events";
import type { Effect } from "../effects/registry";
import type { FlowDocument } from "../contracts/flow";
import { buildMachine } from "../runtime/machine";
import { eventStep, startStep, type PersistedState, type StepResult } from "../runtime/step";
import { T0 } from "./fake-clock";

export const TEST_CUSTOMER: CustomerRef = { id: "cust-1", name: "Ann", channel: "webchat", address: "visitor-1" };

/** Compiles a document that must be valid; the error lists the issues if it is not. */
export function compileOrThrow(doc: FlowDocument): MachineJson {
  const result = compileFlow(doc);
  if (!result.ok)
    throw new Error(`flow does not compile: ${result.issues.map((i) => `${i.code}@${i.nodeId ?? "-"}${i.field ? `.${i.field}` : ""}`).join(", ")}`);
  return result.machine;
}

let messageCounter = 0;
export function messageEvent(text: string, opts: { messageId?: string; channel?: Channel; at?: number; opensConversation?: boolean } = {}): FlowEvent {
  const { opensConversation } = opts;
  return {
    type: "message.received",
    at: opts.at ?? T0,
    messageId: opts.messageId ?? `msg-${++messageCounter}`,
    text,
    channel: opts.channel ?? "webchat",
    ...(opensConversation !== undefined && { opensConversation }),
  };
}
export function timerFired(timerId: string, nodeId: string, at = T0): FlowEvent {
  return { type: "timer.fired", at, timerId, nodeId };
}
export function taskCompleted(taskId: string, outcome: string, nodeId = "", at = T0): FlowEvent {
  return { type: "task.completed", at, taskId, nodeId, outcome };
}

export type FlowRun = {
  machine: AnyStateMachine;
  /** Every step's result, the start first. */
  steps: StepResult[];
  readonly last: StepResult;
  readonly state: PersistedState;
  readonly status: StepResult["status"];
  /** The outcome an end node recorded (null while running). */
  readonly outcome: string | null;
  /** Every node entered so far, across steps. */
  readonly trail: string[];
  /** Every effect asked for so far, across steps. */
  readonly effects: Effect[];
  send(event: FlowEvent): StepResult;
  reply(text: string): StepResult;
  /** Fires a timer; by default the last one the flow set. */
  fireTimer(timerId?: string): StepResult;
  /** Completes a task; by default the last one the flow created. */
  completeTask(outcome: string, taskId?: string): StepResult;
};

/**
 * Starts an instance of `doc` with `first` (a message text or an event).
 * Between steps the state goes through JSON, exactly as the engine stores it.
 */
export function startFlow(doc: FlowDocument, first: FlowEvent | string, opts: { instanceId?: string; customer?: CustomerRef | null } = {}): FlowRun {
  const machine = buildMachine(compileOrThrow(doc));
  const event = typeof first === "string" ? messageEvent(first) : first;
  const instanceId = opts.instanceId ?? "inst-1";
  const start = startStep(machine, {
    instanceId,
    flowId: "flow-1",
    versionId: "ver-1",
    conversationId: "conv-1",
    customer: opts.customer === undefined ? TEST_CUSTOMER : opts.customer,
    event,
  });
  const steps = [start];
  let stored = JSON.stringify(start.state);
  const lastKey = (kind: Effect["kind"]) => {
    const effect = steps
      .flatMap((s) => s.effects)
      .filter((e) => e.kind === kind)
      .at(-1);
    if (!effect) throw new Error(`the flow has emitted no ${kind} effect`);
    return effect.key;
  };
  const run: FlowRun = {
    machine,
    steps,
    get last() {
      return steps[steps.length - 1];
    },
    get state() {
      return JSON.parse(stored) as PersistedState;
    },
    get status() {
      return run.last.status;
    },
    get outcome() {
      return run.state.context.outcome;
    },
    get trail() {
      return steps.flatMap((s) => s.trail);
    },
    get effects() {
      return steps.flatMap((s) => s.effects);
    },
    send(next) {
      const result = eventStep(machine, JSON.parse(stored) as PersistedState, next);
      steps.push(result);
      stored = JSON.stringify(result.state);
      return result;
    },
    reply: (text) => run.send(messageEvent(text)),
    fireTimer: (timerId) => run.send(timerFired(timerId ?? lastKey("timer.set"), "")),
    completeTask: (outcome, taskId) => run.send(taskCompleted(taskId ?? lastKey("task.create"), outcome)),
  };
  return run;
}

/** The effects of one kind, narrowed to that kind's type. */
export const effectsOf = <K extends Effect["kind"]>(effects: Effect[], kind: K) => effects.filter((e): e is Extract<Effect, { kind: K }> => e.kind === kind);
