import { createActor, type AnyActorScope, type AnyStateMachine } from "xstate";
import { initialContext } from "./machine";
import type { FlowEvent, StartInput } from "../contracts/events";
import type { Effect } from "../effects/registry";
import type { FlowContext } from "../../nodes/_kit/context";
import type { InstanceUsage } from "./instance-limits";
import { metered, type StepBudget } from "./step-budget";

/** What is stored per instance: enough to resume it with `machine.resolveState`, and its usage against the limits. */
export type PersistedState = { value: unknown; context: FlowContext; status: string; usage?: InstanceUsage };

/**
 * What a step leaves an instance in. The store also knows `cancelled` (a subflow whose caller
 * stopped waiting for it, or a customer's erased) and `stopped` (it reached a limit, instance-limits.ts).
 */
export type InstanceStatus = "waiting" | "completed" | "stuck";

/** The outcome of one step: the next state to store, and what the world should do about it. */
export type StepResult = {
  state: PersistedState;
  status: InstanceStatus;
  /** Nodes entered during the step, in order (for the path on the canvas). */
  trail: string[];
  effects: Effect[];
};

/**
 * Starts an instance: `(version, input) -> (state, effects)`. Pure: performs no effects.
 * The machine rests in `start` until the input's event hands it to the matching trigger.
 */
export function startStep(machine: AnyStateMachine, input: StartInput, budget?: StepBudget): StepResult {
  // `start` has no entry actions: resolving it equals initialTransition() without the
  // throwaway actor xstate builds for every initialTransition/transition call.
  const initial = machine.resolveState({ value: "start", context: initialContext(input) });
  return metered(budget, () => settle(machine.transition(initial, input.event, scopeOf(machine)), machine));
}

/**
 * Applies one event: `(version, state, event) -> (next state, effects)`. Pure. Past `budget` it
 * throws `StepBudgetExceeded` (step-budget.ts) and the state is as it was.
 */
export function eventStep(machine: AnyStateMachine, state: PersistedState, event: FlowEvent, budget?: StepBudget): StepResult {
  const current = machine.resolveState({ value: state.value as never, context: state.context });
  return metered(budget, () => settle(machine.transition(current, event, scopeOf(machine)), machine));
}

function settle(snapshot: { value: unknown; context: FlowContext; status: string }, machine: AnyStateMachine): StepResult {
  const { effects, trail, ...rest } = snapshot.context;
  const status: InstanceStatus = snapshot.status === "done" ? "completed" : canMove(machine, snapshot.value) ? "waiting" : "stuck";
  return {
    state: { value: snapshot.value, status: snapshot.status, context: { ...rest, effects: [], trail: [] } },
    status,
    trail,
    effects,
  };
}

/** A non-final state with no outgoing events would wait forever: report it instead. */
function canMove(machine: AnyStateMachine, value: unknown): boolean {
  if (typeof value !== "string") return true;
  const node = machine.states[value];
  return !!node && node.ownEvents.length > 0;
}

// xstate's transition() builds a throwaway actor (and evaluates the machine's initial state) on
// every call; the flow machines run only assign actions and pure guards, so one inert scope per
// machine serves every step.
const scopes = new WeakMap<AnyStateMachine, AnyActorScope>();
function scopeOf(machine: AnyStateMachine): AnyActorScope {
  let scope = scopes.get(machine);
  if (!scope) {
    const self = createActor(machine);
    const noop = () => {};
    scope = {
      self,
      system: self.system,
      id: "",
      sessionId: "",
      defer: noop,
      logger: noop,
      stopChild: noop,
      emit: noop,
      actionExecutor: noop,
    } as unknown as AnyActorScope;
    scopes.set(machine, scope);
  }
  return scope;
}
