import type { FlowDocument, FlowIssue } from "../contracts/flow";
import type { z } from "zod";
import type { NodeSpec } from "../../nodes/_kit/define-node";
import { KIT_MESSAGES, kitIssue } from "../../nodes/_kit/messages";
import { findNodeSpec } from "../../nodes/registry";
import { checkBranches, type Branching } from "./branches";
import type { ResolvedNode, Wiring } from "./resolved";
import { checkVariables } from "./variables";

export type GraphCheck = {
  issues: FlowIssue[];
  /** Nodes that resolved, by id. */
  nodes: Map<string, ResolvedNode>;
  /** `nodeId -> portId -> target nodeId` */
  wiring: Wiring;
  triggers: string[];
  /** Run in parallel nodes, their branches and Joins. */
  branching: Branching;
  /** What publishing warns of without refusing: loops nothing but the instance's caps would stop. */
  warnings: FlowIssue[];
};

/**
 * Checks a flow document for everything that would make a published version misbehave: unknown
 * types, bad settings, missing triggers, unconnected ports, unreachable nodes and cycles an
 * instance could spin in without ever waiting, and parallel branches the compiler cannot nest.
 * Every issue names the node it is about.
 */
export function checkGraph(doc: FlowDocument): GraphCheck {
  const issues: FlowIssue[] = [];
  const nodes = new Map<string, ResolvedNode>();
  const seen = new Set<string>();

  for (const node of doc.nodes) {
    if (seen.has(node.id)) {
      issues.push({ code: "duplicate-id", nodeId: node.id, params: { id: node.id }, message: `Two nodes share the id "${node.id}".` });
      continue;
    }
    seen.add(node.id);
    const spec = findNodeSpec(node.type);
    if (!spec) {
      issues.push({ code: "unknown-node-type", nodeId: node.id, params: { type: node.type }, message: `Unknown node type "${node.type}".` });
      continue;
    }
    const parsed = spec.settings.safeParse(node.settings);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.join(".");
        issues.push({
          code: "invalid-settings",
          nodeId: node.id,
          field,
          params: { node: spec.type, from: "schema", ...settingsIssueParams(spec, issue) },
          message: `${spec.title}: ${field ? `${field}: ` : ""}${issue.message}`,
        });
      }
      continue;
    }
    for (const issue of spec.validate?.(parsed.data) ?? []) issues.push({ ...issue, params: { node: spec.type, ...issue.params }, nodeId: node.id });
    nodes.set(node.id, { id: node.id, spec, settings: parsed.data, outputs: spec.outputs(parsed.data) });
  }

  const wiring: Wiring = new Map();
  for (const edge of doc.edges) {
    const source = nodes.get(edge.source);
    const target = nodes.get(edge.target);
    if (!seen.has(edge.source) || !seen.has(edge.target)) {
      issues.push({
        code: "dangling-edge",
        nodeId: seen.has(edge.source) ? edge.source : undefined,
        params: { key: "missing-node", edge: edge.id },
        message: `Connection ${edge.id} points at a node that does not exist.`,
      });
      continue;
    }
    // An edge at a node with its own issue (unknown type, bad settings) still counts as drawn, so
    // that one issue does not also mark its neighbours "not connected" or "unreachable".
    if (target && !target.spec.hasInput) {
      issues.push({
        code: "dangling-edge",
        nodeId: target.id,
        params: { key: "into-trigger", node: target.spec.type, edge: edge.id },
        message: `${target.spec.title} is a trigger and takes no input.`,
      });
      continue;
    }
    if (source && !source.outputs.some((p) => p.id === edge.sourcePort)) {
      issues.push({
        code: "dangling-edge",
        nodeId: source.id,
        params: { key: "no-output", node: source.spec.type, port: edge.sourcePort, edge: edge.id },
        message: `${source.spec.title} has no output "${edge.sourcePort}".`,
      });
      continue;
    }
    const ports = wiring.get(edge.source) ?? new Map<string, string>();
    if (ports.has(edge.sourcePort)) {
      issues.push({
        code: "port-connected-twice",
        nodeId: edge.source,
        params: {
          ...(source && { node: source.spec.type, label: source.outputs.find((p) => p.id === edge.sourcePort)?.label ?? edge.sourcePort }),
          port: edge.sourcePort,
        },
        message: `${source?.spec.title ?? "Node"}: output "${edge.sourcePort}" is connected twice; a port leads to one node.`,
      });
      continue;
    }
    ports.set(edge.sourcePort, edge.target);
    wiring.set(edge.source, ports);
  }

  for (const node of nodes.values()) {
    for (const port of node.outputs) {
      if (!wiring.get(node.id)?.has(port.id)) {
        issues.push({
          code: "unconnected-port",
          nodeId: node.id,
          params: { node: node.spec.type, port: port.id, label: port.label },
          message: `${node.spec.title}: output "${port.label}" is not connected.`,
        });
      }
    }
  }

  const triggers = [...nodes.values()].filter((n) => n.spec.trigger).map((n) => n.id);
  if (triggers.length === 0 && !doc.nodes.some((n) => n.type.startsWith("trigger."))) {
    issues.push({ code: "no-trigger", params: {}, message: "Add a trigger: a flow needs something that starts it." });
  }

  const reachable = reach(triggers, wiring);
  for (const node of doc.nodes) {
    if (nodes.has(node.id) && !reachable.has(node.id)) {
      const spec = nodes.get(node.id)!.spec;
      issues.push({ code: "unreachable-node", nodeId: node.id, params: { node: spec.type }, message: `${spec.title} cannot be reached from any trigger.` });
    }
  }

  issues.push(...checkVariables(nodes.values()));

  const spinning = cyclesThrough(nodes, wiring, (n) => !holds(n, n.spec.waits));
  for (const nodeId of spinning) {
    issues.push({
      code: "cycle-without-wait",
      nodeId,
      params: { node: nodes.get(nodeId)!.spec.type },
      message: "This node is on a loop with no waiting step: an instance would spin forever.",
    });
  }
  // A loop that waits only for what comes back by itself (a delivery status, a timer, an HTTP answer); one that never waits is an error above.
  const warnings = spinning.length
    ? []
    : cyclesThrough(nodes, wiring, (n) => !holds(n, n.spec.boundsLoops)).map((nodeId): FlowIssue => {
        const spec = nodes.get(nodeId)!.spec;
        return {
          code: "loop-without-person",
          nodeId,
          params: { node: spec.type },
          message:
            `${spec.title}: this loop waits for neither the customer nor an operator and counts nothing, ` +
            "so it repeats until the instance's daily caps on steps and sends stop it; wait for a reply or add a Loop guard.",
        };
      });

  const branches = checkBranches(nodes, wiring);
  issues.push(...branches.issues);

  return { issues, nodes, wiring, triggers, branching: branches.branching, warnings };
}

/**
 * What a settings schema problem is made of: the key of a custom message (the node's `messages`,
 * or the kit's), or `zod.<code>` with the check's own parameters for zod's built-in messages.
 */
function settingsIssueParams(spec: NodeSpec, issue: z.core.$ZodIssue): Record<string, string | number> {
  const custom = (issue as { params?: Record<string, unknown> }).params;
  if (issue.code === "custom" && typeof custom?.key === "string") return scalars(custom);
  const key = messageKey(spec, issue.message);
  if (key) return { key };
  const { code, path: _path, message: _message, input: _input, ...rest } = issue as z.core.$ZodIssue & { input?: unknown };
  return { key: `zod.${code}`, ...scalars(rest) };
}

/** The key whose English text is `message`: the node's own first, then the shared ones. */
function messageKey(spec: NodeSpec, message: string): string | undefined {
  const own = Object.entries(spec.messages ?? {}).find(([, text]) => text === message)?.[0];
  return own ?? (Object.entries(KIT_MESSAGES.en) as [string, string][]).find(([, text]) => text === message)?.[0];
}

/** Parameters are strings and numbers: lists are joined, booleans and big numbers spelled out, nested issues dropped. */
function scalars(values: Record<string, unknown>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === "number" || typeof value === "string") out[name] = value;
    else if (typeof value === "boolean" || typeof value === "bigint") out[name] = String(value);
    else if (Array.isArray(value) && value.every((v) => typeof v !== "object" || v === null)) out[name] = value.map(String).join(", ");
  }
  return out;
}

/** Why a node cannot call the flow it names (checked at publish against the database by the flow service). */
export type CallProblem = { key: "call.missing" } | { key: "call.unpublished"; flow: string } | { key: "call.no-trigger"; flow: string; trigger: string };

/** The issue for a {@link CallProblem}: the English names the node and trigger by their titles, the params by type. */
export function calledFlowIssue(node: { id: string; type: string }, field: string, { key, ...params }: CallProblem): FlowIssue {
  const title = findNodeSpec(node.type)?.title ?? node.type;
  const triggerTitle = "trigger" in params ? (findNodeSpec(params.trigger)?.title ?? params.trigger) : "";
  return { ...kitIssue(field, key, { title, triggerTitle, ...params }), params: { key, node: node.type, ...params }, nodeId: node.id };
}

/** The issue for a URL whose literal host is internal (checked at publish against the server's outbound allow list). */
export function internalHostIssue(node: { id: string; type: string }, field: string, host: string): FlowIssue {
  const title = findNodeSpec(node.type)?.title ?? node.type;
  return { ...kitIssue(field, "outbound.internal", { title, host }), params: { key: "outbound.internal", node: node.type, host }, nodeId: node.id };
}

/** The warning for a node sending on a channel that has no adapter (off, or not installed): its messages would fail. */
export function channelOffIssue(node: { id: string; type: string }, field: string, channel: string): FlowIssue {
  const title = findNodeSpec(node.type)?.title ?? node.type;
  return {
    code: "channel-off",
    message: `${title}: the ${channel} channel is off (no adapter is set up), so this message will not be delivered; set the channel up on the Channels page.`,
    params: { node: node.type, channel },
    nodeId: node.id,
    field,
  };
}

function reach(starts: string[], wiring: Wiring): Set<string> {
  const seen = new Set(starts);
  const stack = [...starts];
  while (stack.length) {
    for (const next of wiring.get(stack.pop()!)?.values() ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen;
}

/** A node's yes/no spec field (`waits`, `boundsLoops`): a constant, or read from its settings. */
const holds = (n: ResolvedNode, field: boolean | ((settings: never) => boolean) | undefined) =>
  typeof field === "function" ? field(n.settings as never) : !!field;

/** One node per cycle that runs through nodes `passes` lets through only (iterative DFS, colours). */
function cyclesThrough(nodes: Map<string, ResolvedNode>, wiring: Wiring, through: (n: ResolvedNode) => boolean): string[] {
  const colour = new Map<string, 1 | 2>(); // 1 = on the stack, 2 = done
  const found: string[] = [];
  const passes = (id: string) => nodes.has(id) && through(nodes.get(id)!);
  for (const root of nodes.keys()) {
    if (colour.has(root) || !passes(root)) continue;
    const stack: { id: string; next: Iterator<string> }[] = [{ id: root, next: (wiring.get(root)?.values() ?? [][Symbol.iterator]()) as Iterator<string> }];
    colour.set(root, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const step = top.next.next();
      if (step.done) {
        colour.set(top.id, 2);
        stack.pop();
        continue;
      }
      const child = step.value;
      if (!passes(child)) continue;
      if (colour.get(child) === 1) found.push(child);
      else if (!colour.has(child)) {
        colour.set(child, 1);
        stack.push({ id: child, next: (wiring.get(child)?.values() ?? [][Symbol.iterator]()) as Iterator<string> });
      }
    }
  }
  return found;
}
