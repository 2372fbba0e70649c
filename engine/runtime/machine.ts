import { assign, setup, type AnyStateMachine } from "xstate";
import type { FlowEvent, StartInput } from "../contracts/events";
import type { MachineJson } from "../compiler/compile";
import { findNodeSpec, nodeSpecs } from "../../nodes/registry";
import { implName, type FlowContext } from "../../nodes/_kit/define-node";
import { forgetTask, type NodeAction, type NodeGuard, type Params } from "../../nodes/_kit/context";
import { installPatternEngine } from "../../nodes/_kit/pattern";
import { re2Patterns } from "./re2-patterns";
import { chargeNode } from "./step-budget";

// Node guards match customer text only on RE2. Installed here, where guards are wired (publish reaches this
// module through Simulate), so node specs stay browser-safe and never import the native module.
installPatternEngine(re2Patterns);

function nodeImplementations() {
  const guards: Record<string, (a: { context: FlowContext; event: FlowEvent }, p: Params) => boolean> = {
    "trigger.matches": ({ event }, p) => findNodeSpec(p.nodeType as string)?.trigger?.matches(p.settings as never, event) ?? false,
  };
  const actions: Record<string, ReturnType<typeof assign<FlowContext, FlowEvent, Params, FlowEvent, never>>> = {
    "node.entered": assign(({ context }, p: Params) => {
      chargeNode(p.nodeId as string);
      return { trail: [...context.trail, p.nodeId as string] };
    }),
    "task.forget": assign(({ context, event }) => (event.type === "task.completed" ? forgetTask(context, event.taskId) : context)),
  };
  for (const spec of nodeSpecs) {
    for (const [name, guard] of Object.entries(spec.guards ?? {}) as [string, NodeGuard][]) {
      guards[implName(spec.type, name)] = ({ context, event }, p) => guard(context, event, p ?? {});
    }
    for (const [name, action] of Object.entries(spec.actions ?? {}) as [string, NodeAction][]) {
      actions[implName(spec.type, name)] = assign(({ context, event }, p: Params) => action(context, event, p ?? {}));
    }
  }
  return { guards, actions };
}

// Built once: every machine shares the same named implementations from the node registry.
const flowSetup = setup({
  types: {} as { context: FlowContext; events: FlowEvent; input: StartInput },
  ...(nodeImplementations() as object),
});

/** The context an instance starts with. */
export function initialContext(input: StartInput): FlowContext {
  return {
    instanceId: input.instanceId,
    flowId: input.flowId,
    versionId: input.versionId,
    conversationId: input.conversationId,
    customer: input.customer,
    message: null,
    task: null,
    vars: {},
    waits: {},
    counters: {},
    seq: 0,
    effects: [],
    trail: [],
    outcome: null,
  };
}

/** Turns a stored machine config into an XState machine (cache it per version). */
export function buildMachine(config: MachineJson): AnyStateMachine {
  return flowSetup.createMachine({
    ...(config as object),
    context: ({ input }: { input?: StartInput }) => (input ? initialContext(input) : ({} as FlowContext)),
  } as never) as unknown as AnyStateMachine;
}
