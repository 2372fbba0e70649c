import * as z from "zod";
import { flowTestCaseSchema } from "./simulation";

/** The languages a flow can be written in: its built-in customer texts (a node's empty-setting wording) follow it. */
export const FLOW_LANGUAGES = ["en", "ru"] as const;
export type FlowLanguage = (typeof FLOW_LANGUAGES)[number];

/** Limits that keep a flow document (and the compile of it) bounded. */
export const FLOW_LIMITS = { nodes: 2000, edges: 8000, name: 120 } as const;

const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "use letters, digits, _ and - only");
/** A node's (or an edge's) id in a flow document. */
export const nodeIdSchema = idSchema;

/** One node placed on the canvas: which node type, where, and its settings. */
export const flowNodeSchema = z.object({
  id: idSchema,
  type: z.string().min(1).max(80),
  position: z.object({ x: z.number().finite(), y: z.number().finite() }),
  settings: z.record(z.string(), z.unknown()).default({}),
});
export type FlowNode = z.infer<typeof flowNodeSchema>;

/** A connection from one output port of a node to the input of another. */
export const flowEdgeSchema = z.object({
  id: idSchema,
  source: idSchema,
  sourcePort: z.string().min(1).max(64),
  target: idSchema,
});
export type FlowEdge = z.infer<typeof flowEdgeSchema>;

/**
 * The graph a process owner draws: stored as a flow's draft, frozen into every published version,
 * and the unit of export/import.
 * @example
 * flowDocumentSchema.parse({ nodes: [{ id: "t", type: "trigger.message-received", position: { x: 0, y: 0 } }], edges: [] })
 */
export const flowDocumentSchema = z.object({
  nodes: z.array(flowNodeSchema).max(FLOW_LIMITS.nodes),
  edges: z.array(flowEdgeSchema).max(FLOW_LIMITS.edges),
  /** Saved test cases (Simulate mode, and `npm test` for templates). */
  tests: z.array(flowTestCaseSchema).max(50).optional(),
  /**
   * The language the flow talks to customers in: built-in wording (e.g. Offer channel switch with
   * an empty offer) follows it. Absent means English, so flows stored before it behave as they did.
   */
  language: z.enum(FLOW_LANGUAGES).optional(),
});
export type FlowDocument = z.infer<typeof flowDocumentSchema>;

/** A new flow starts with a trigger already on the canvas. */
export const STARTER_DOCUMENT: FlowDocument = {
  nodes: [{ id: "trigger", type: "trigger.message-received", position: { x: 80, y: 120 }, settings: { channel: "any" } }],
  edges: [],
};

/** The starter document for a flow created in `language`: an English one stays {@link STARTER_DOCUMENT}, without the field. */
export const starterDocument = (language: FlowLanguage = "en"): FlowDocument => (language === "en" ? STARTER_DOCUMENT : { ...STARTER_DOCUMENT, language });

/** The export file: a document plus the flow's name, versioned so imports can upgrade it. */
export const flowExportSchema = z.object({
  format: z.literal("omniflow.flow"),
  formatVersion: z.literal(1),
  name: z.string().min(1).max(FLOW_LIMITS.name),
  document: flowDocumentSchema,
});
export type FlowExport = z.infer<typeof flowExportSchema>;

/** A problem found while validating a flow, pinned to the node (and settings field) it is about. */
export type FlowIssue = {
  code:
    | "no-trigger"
    | "unknown-node-type"
    | "invalid-settings"
    | "unconnected-port"
    | "port-connected-twice"
    | "unreachable-node"
    | "cycle-without-wait"
    | "dangling-edge"
    | "duplicate-id"
    | "unknown-variable"
    | "variable-type"
    // Run in parallel / Join structure (engine/compiler/branches.ts)
    | "branch-without-join"
    | "branches-different-joins"
    | "branch-crossing"
    | "branch-entered-from-outside"
    | "join-without-parallel"
    | "end-in-branch"
    | "parallel-loop"
    // Warnings at publish, not refusals: the node sends on a channel with no adapter (engine/flows/flow-service.ts);
    // the node is on a loop that waits for no person and counts nothing (engine/compiler/validate.ts)
    | "channel-off"
    | "loop-without-person";
  /** The English text, for machines and logs; people read `issueText(issue, locale)` (engine/compiler/issue-text.ts). */
  message: string;
  /**
   * What the text is made of, so it can be rendered in any language: `node` is a node type (shown
   * as its title), `key` picks a variant of the code (for `invalid-settings`: the node's or the
   * kit's message key, `zod.<code>` for a schema check, `call.*` for the subflow check).
   */
  params?: Record<string, string | number>;
  nodeId?: string;
  field?: string;
};
