import type { z } from "zod";
import type { FlowEvent } from "../../engine/contracts/events";
import type { FlowIssue } from "../../engine/contracts/flow";
import type { FlowContext, NodeAction, NodeGuard } from "./context";

/** UI hints read by the generated settings form (zod `.meta()`). */
declare module "zod" {
  interface GlobalMeta {
    label?: string;
    help?: string;
    placeholder?: string;
    /** `flow`: the id of another flow, picked from a list of flows by name. */
    widget?: "textarea" | "template" | "lines" | "flow";
  }
}

export type NodeCategory = "trigger" | "logic" | "message" | "data" | "crm" | "routing" | "flow";

export const NODE_CATEGORIES: { id: NodeCategory; label: string }[] = [
  { id: "trigger", label: "Triggers" },
  { id: "logic", label: "Conditions" },
  { id: "message", label: "Messages" },
  { id: "data", label: "Data" },
  { id: "crm", label: "CRM" },
  { id: "routing", label: "Operators" },
  { id: "flow", label: "Flow" },
];

/** An output handle on the canvas; its id is the React Flow handle id. */
export type Port = { id: string; label: string };

/** Plain-JSON XState state-node config; implementations are referenced by name. */
export type StateJson = Record<string, unknown>;
export type ImplRef = { type: string; params?: Record<string, unknown> };

export type CompileContext<S> = {
  nodeId: string;
  settings: S;
  /** The state id (`#n_<node>`) that an output port leads to. */
  target(portId: string): string;
  /** A reference to one of this node type's actions / guards. */
  action(name: string, params?: Record<string, unknown>): ImplRef;
  guard(name: string, params?: Record<string, unknown>): ImplRef;
};

export type NodeIssue = Omit<FlowIssue, "nodeId">;

export type VariableType = "string" | "number" | "boolean" | "object" | "any";
/** A flow variable a node writes or reads; `field` pins a read to the setting it comes from. */
export type VariableUse = { name: string; type: VariableType; field?: string };

export type NodeSpec<S extends z.ZodType<Record<string, unknown>> = z.ZodType<Record<string, unknown>>> = {
  /** Stable dotted id stored in flows, e.g. `message.send`. */
  type: string;
  version: number;
  title: string;
  description: string;
  category: NodeCategory;
  /** A lucide icon name, so the spec stays serialisable. */
  icon: string;
  keywords?: string[];
  settings: S;
  /** Triggers have no input port. */
  hasInput: boolean;
  outputs(settings: z.infer<S>): Port[];
  /** The node parks the instance until an outside event (so a cycle through it is safe). */
  waits?: boolean | ((settings: z.infer<S>) => boolean);
  /** For triggers: whether an event starts a new instance through this node. */
  trigger?: {
    event: FlowEvent["type"];
    matches(settings: z.infer<S>, event: FlowEvent): boolean;
    /** When several flows take an event, the more specific trigger wins (higher first); then the newest publish. */
    specificity?(settings: z.infer<S>): number;
    /**
     * Time-driven triggers: when the trigger was last due at or before `now` (ms), and the event
     * that starts the flow for that moment. The engine polls these.
     */
    poll?: { lastDue(settings: z.infer<S>, now: number): number | null; event(settings: z.infer<S>, due: number, at: number): FlowEvent };
    /** Checks a matching event's payload against what the trigger declares; a problem names the field. */
    check?(settings: z.infer<S>, event: FlowEvent): { field: string; message: string } | null;
  };
  /** One line under the title on the canvas. */
  summary(settings: z.infer<S>): string;
  /**
   * Variables the node writes and reads (typed). The compiler refuses to publish a read of a
   * variable no node writes, or of the wrong type. `{{vars.x}}` in any setting counts as a read.
   */
  variables?(settings: z.infer<S>): { writes?: VariableUse[]; reads?: VariableUse[] };
  /**
   * Another flow this node runs (subflows). Publishing checks it against the database: it must
   * have a published version whose triggers include `trigger` (a node type).
   */
  callsFlow?(settings: z.infer<S>): { flowId: string; field: string; trigger: string };
  /** Rules the schema cannot express, pinned to settings fields. */
  validate?(settings: z.infer<S>): NodeIssue[];
  compile(ctx: CompileContext<z.infer<S>>): StateJson;
  /** Pure implementations the compiled state refers to by name. */
  guards?: Record<string, NodeGuard>;
  actions?: Record<string, NodeAction>;
  /** Named sample settings for docs, previews and tests. */
  examples?: { name: string; settings: z.input<S> }[];
};

/**
 * Declares a node type. Returns its argument frozen: a plain object, no classes.
 * @example
 * export const endNode = defineNode({ type: "flow.end", category: "flow", settings: z.object({}), ... })
 */
export function defineNode<S extends z.ZodType<Record<string, unknown>>>(spec: NodeSpec<S>): NodeSpec<S> {
  return Object.freeze(spec);
}

/** The name an implementation is registered under in the machine's `setup()`. */
export const implName = (type: string, name: string) => `${type}/${name}`;

/** `FlowContext` re-exported so node files import one module. */
export type { FlowContext };
