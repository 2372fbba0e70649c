import type { z } from "zod";
import type { Channel, FlowEvent } from "../../engine/contracts/events";
import type { FlowIssue, FlowLanguage } from "../../engine/contracts/flow";
import type { FlowContext, NodeAction, NodeGuard, Params } from "./context";
import type { NodeStructure } from "./structure";

/** UI hints read by the generated settings form (zod `.meta()`). */
declare module "zod" {
  interface GlobalMeta {
    label?: string;
    help?: string;
    placeholder?: string;
    /** `flow`: the id of another flow, picked from a list of flows by name; `credential`: a credential's id, picked by name. */
    widget?: "textarea" | "template" | "lines" | "flow" | "credential";
  }
}

/** A short text in each language the app speaks. */
export type Worded = { en: string; ru: string };

export type NodeCategory = "trigger" | "logic" | "message" | "data" | "crm" | "routing" | "flow";

/** The palette's groups; `label` is the English name, `ru` the Russian one. */
export const NODE_CATEGORIES: { id: NodeCategory; label: string; ru: { label: string } }[] = [
  { id: "trigger", label: "Triggers", ru: { label: "Триггеры" } },
  { id: "logic", label: "Conditions", ru: { label: "Условия" } },
  { id: "message", label: "Messages", ru: { label: "Сообщения" } },
  { id: "data", label: "Data", ru: { label: "Данные" } },
  { id: "crm", label: "CRM", ru: { label: "CRM" } },
  { id: "routing", label: "Operators", ru: { label: "Операторы" } },
  { id: "flow", label: "Flow", ru: { label: "Управление сценарием" } },
];

/** The languages node texts come in; English is the source (the spec's own fields). */
export const LOCALES = ["en", "ru"] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * A settings field's path as the texts name it: dotted keys, `*` for the items of an array
 * (`rules.*.pattern`, `channels.*`). The form's concrete paths (`rules.0.pattern`) map onto it.
 */
export type SettingPath<T> = T extends Record<string, unknown> ? { [K in keyof T & string]-?: K | SubPath<K, NonNullable<T[K]>> }[keyof T & string] : never;
type SubPath<K extends string, V> = V extends readonly (infer I)[]
  ? `${K}.*` | (NonNullable<I> extends Record<string, unknown> ? `${K}.*.${SettingPath<NonNullable<I>>}` : never)
  : V extends Record<string, unknown>
    ? `${K}.${SettingPath<V>}`
    : never;

/** A settings field's texts; `item` names one item of a repeated group ("Правило" for "Rules"). */
export type FieldTexts = { label?: string; help?: string; placeholder?: string; item?: string };

/**
 * A node type's texts in one language other than English (the spec's own fields are English).
 * `settings` and `options` are keyed by {@link SettingPath}. `ports` is keyed by port id, where
 * `{n}` stands for a number (`rule-{n}`); its value is the label, or for a port whose English
 * label varies, English label → translation (`{ "Rule {n}": "Правило {n}" }`). A label that is
 * none of those is data the user typed (a rule's name, an outcome) and stays as it is.
 */
export type NodeTexts<In = Record<string, unknown>, Out = In> = {
  title: string;
  description: string;
  /** Search words for the palette. */
  keywords: string[];
  settings?: { [P in SettingPath<In>]?: FieldTexts };
  /** Labels for the values of a choice (enum) field: value → label. */
  options?: { [P in SettingPath<In>]?: Record<string, string> };
  ports?: Record<string, string | Record<string, string>>;
  /** The node's problem texts (`NodeSpec.messages`) in this language, by key, with the same `{params}`. */
  messages?: Record<string, string>;
  /**
   * The canvas line under the title in this language, like `NodeSpec.summary` (data the user typed
   * stays as it is). Left out when the English summary is only such data: that one is shown.
   */
  summary?(settings: Out): string;
  /**
   * Starting values, in this language, for settings whose English default a customer or a staff
   * member reads (a re-ask text, a button, a task title). A new node placed by someone working in
   * this language starts with them; ids, time zones and choices keep the schema's defaults.
   */
  defaults?: Partial<In>;
};

/** An output handle on the canvas; its id is the React Flow handle id. */
export type Port = { id: string; label: string };

/** Plain-JSON XState state-node config; implementations are referenced by name. */
export type StateJson = Record<string, unknown>;
export type ImplRef = { type: string; params?: Params };

/**
 * A function of a node's settings. Method form (like every function on `NodeSpec`) keeps the
 * parameter bivariant, so a spec fits the registry's list of `NodeSpec`s.
 */
type Of<S, R> = { of(settings: S): R }["of"];

/** A node type's named guards and actions. */
export type Guards = Record<string, NodeGuard>;
export type Actions = Record<string, NodeAction>;

/** The empty object type `{}`, spelled as "no keys" (`{}` itself reads as "any non-nullish value"). */
type NoKeys = Record<never, never>;

/** The parameters a guard or action declares. */
export type ParamsOf<F> = F extends (context: FlowContext, event: FlowEvent, params: infer P) => unknown ? P : never;
/** `params`, optional when the implementation declares none (or only optional ones). */
type ParamsArg<F> = NoKeys extends ParamsOf<F> ? [params?: ParamsOf<F>] : [params: ParamsOf<F>];

export type CompileContext<S, A extends Actions = Actions, G extends Guards = Guards> = {
  nodeId: string;
  settings: S;
  /** The flow's language (its document's `language`, English when absent), for built-in texts the customer reads. */
  language: FlowLanguage;
  /** The state id (`#n_<node>`) that an output port leads to. */
  target(portId: string): string;
  /** A reference to one of this node type's actions / guards, with the parameters it declares. */
  action<N extends keyof A & string>(name: N, ...params: ParamsArg<A[N]>): ImplRef;
  guard<N extends keyof G & string>(name: N, ...params: ParamsArg<G[N]>): ImplRef;
};

export type NodeIssue = Omit<FlowIssue, "nodeId">;

export type VariableType = "string" | "number" | "boolean" | "object" | "any";
/** A flow variable a node writes or reads; `field` pins a read to the setting it comes from. */
export type VariableUse = { name: string; type: VariableType; field?: string };

/**
 * A node type. `S` is its settings schema, `A` and `G` its actions and guards (declared with
 * `action(...)` / `guard(...)`, typed by their params); `NodeSpec` with the defaults is the
 * registry's view of any node type.
 */
export type NodeSpec<
  S extends z.ZodType<Record<string, unknown>> = z.ZodType<Record<string, unknown>>,
  A extends Actions = Actions,
  G extends Guards = Guards,
> = {
  /** Stable dotted id stored in flows, e.g. `message.send`. */
  type: string;
  version: number;
  title: string;
  description: string;
  category: NodeCategory;
  /** A lucide icon name, so the spec stays serialisable. */
  icon: string;
  keywords?: string[];
  /** The Russian texts (see `nodes/_kit/texts.ts`); English is this spec's own fields. */
  ru: NodeTexts<z.input<NoInfer<S>>, z.infer<NoInfer<S>>>;
  /** English labels for the values of a choice field (value → label), where the value itself reads badly ("sms"). */
  options?: NodeTexts<z.input<NoInfer<S>>>["options"];
  settings: S;
  /** Triggers have no input port. */
  hasInput: boolean;
  outputs(settings: z.infer<S>): Port[];
  /** The node parks the instance until an outside event (so a cycle through it is safe). */
  waits?: boolean | Of<z.infer<S>, boolean>;
  /**
   * A loop through the node cannot run away on its own: it waits for a person (the customer's reply, an
   * operator's task) or counts its passes (Loop guard). Publishing warns of a loop without one (a delivery
   * status, a timer or an HTTP answer comes back by itself: such a loop repeats until the instance's caps stop it).
   */
  boundsLoops?: boolean | Of<z.infer<S>, boolean>;
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
    /**
     * Trigger ownership: the events this trigger takes, as comparable claim keys (two published
     * flows overlap where their keys meet, and publishing asks which goes first), and the key one
     * event falls under (where that order is looked up). A trigger without claims overlaps nothing
     * (schedules, operator starts and subflow calls name their flow or their time).
     */
    claims?: { keys(settings: z.infer<S>): string[]; of(event: FlowEvent): string | null };
    /** What a flow with this trigger listens to, as people read it in the flows list ("Web chat · any message"). */
    listensTo(settings: z.infer<S>): Worded;
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
  /**
   * The outside URL this node calls (a template). Publishing refuses one whose literal host is
   * internal (loopback, private, link-local, metadata) unless the server's outbound allow list names it.
   */
  reachesUrl?(settings: z.infer<S>): { field: string; url: string };
  /**
   * The channel this node sends on when its settings name one (null: the conversation's own).
   * Publishing warns when that channel has no adapter (off, or not installed): its messages would fail.
   */
  sendsOn?(settings: z.infer<S>): { field: string; channel: Channel } | null;
  /**
   * The node's own problem texts in English, by key, `{name}` standing for a parameter: the custom
   * messages of its settings schema (used there as `messages["key"]`) and those `validate` returns
   * (through `nodeIssue(messages, field, key, params)`). Their Russian is `ru.messages`.
   */
  messages?: Record<string, string>;
  /** Rules the schema cannot express, pinned to settings fields. */
  validate?(settings: z.infer<S>): NodeIssue[];
  /** Parallel, Join and End shape the machine beyond their own state; the compiler reads this. */
  structure?: NodeStructure<z.infer<S>, A>;
  compile(ctx: CompileContext<z.infer<S>, A, G>): StateJson;
  /** Pure implementations the compiled state refers to by name. */
  guards?: G;
  actions?: A;
  /** Named sample settings for docs, previews and tests. */
  examples?: { name: string; settings: z.input<S> }[];
};

/**
 * Declares a node type. Returns its argument frozen: a plain object, no classes.
 * @example
 * export const endNode = defineNode({
 *   type: "flow.end", category: "flow", settings: z.object({ outcome: z.string() }), ...
 *   compile: (ctx) => ({ type: "final", entry: [ctx.action("finish", { outcome: ctx.settings.outcome })] }),
 *   actions: { finish: action<{ outcome: string }>((context, _event, p) => ({ ...context, outcome: p.outcome })) },
 * })
 */
export function defineNode<S extends z.ZodType<Record<string, unknown>>, A extends Actions = NoKeys, G extends Guards = NoKeys>(
  spec: NodeSpec<S, A, G>,
): NodeSpec<S, A, G> {
  return Object.freeze(spec);
}

/** The params of a guard or action that takes none. */
export type NoParams = Record<string, never>;

/**
 * Declares an action with the params it takes, given as the type argument (JSON: they are stored
 * in the compiled machine); `ctx.action(name, params)` in `compile` is checked against them.
 * Always pass the type argument (`action<NoParams>` for none): left to inference, it would hide
 * the node's actions from `compile`.
 */
export function action<P extends Params>(run: NodeAction<P>): NodeAction<P> {
  return run;
}

/** Declares a guard with the params it takes, like {@link action}. */
export function guard<P extends Params>(test: NodeGuard<P>): NodeGuard<P> {
  return test;
}

/** The name an implementation is registered under in the machine's `setup()`. */
export const implName = (type: string, name: string) => `${type}/${name}`;

/** `FlowContext` re-exported so node files import one module. */
export type { FlowContext };
