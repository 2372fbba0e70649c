import { crmEventNames, payloadVariables, type CrmEventName } from "@/engine/contracts/crm-events";
import { channelSchema, type Channel, type FlowEvent } from "@/engine/contracts/events";
import type { FlowDocument } from "@/engine/contracts/flow";
import { errorText } from "@/engine/contracts/error-texts";
import { fieldIssue } from "@/engine/contracts/field-issues";
import { simulationStepSchema, type FlowTestCase, type SimulationStep } from "@/engine/contracts/simulation";
import { findNodeSpec } from "@/nodes/registry";

/** Wait units offered in the script editor, in seconds. */
export const WAIT_UNITS = { seconds: 1, minutes: 60, hours: 3600, days: 86400 } as const;
export type WaitUnit = keyof typeof WAIT_UNITS;

export const CHANNELS: readonly Channel[] = channelSchema.options;
export const CRM_EVENTS: readonly CrmEventName[] = crmEventNames;

/** A script line as edited: text fields stay strings until the script is run. `key` is for React only. */
export type ScriptLine =
  | { key: string; do: "message"; text: string }
  | { key: string; do: "wait"; amount: string; unit: WaitUnit }
  | { key: string; do: "complete-task"; outcome: string }
  /** `payload` is JSON text; the engine checks it against the event's schema and notes what is wrong. */
  | { key: string; do: "crm-event"; name: CrmEventName; payload: string }
  /** `body` is JSON (or plain text) answered to the oldest waiting HTTP request. */
  | { key: string; do: "http-response"; status: string; body: string }
  | { key: string; do: "webhook"; hook: string; payload: string }
  | { key: string; do: "schedule" }
  | { key: string; do: "operator-start"; note: string }
  | { key: string; do: "subflow-call"; inputs: string }
  /** A blank `outcome` is a subflow that ended without one. */
  | { key: string; do: "subflow-result"; outcome: string; outputs: string };

/** `from`: the test case it was loaded from, to name its runs. */
export type Script = { customer: { name: string; channel: Channel; alsoOn: Channel[] }; lines: ScriptLine[]; from?: string };

let keys = 0;
const key = () => `line-${++keys}`;

/** A new line of a kind; webhook calls and calls from another flow are prefilled with what the draft's trigger declares. */
export function newLine(kind: ScriptLine["do"], doc?: FlowDocument): ScriptLine {
  if (kind === "message") return { key: key(), do: "message", text: "" };
  if (kind === "wait") return { key: key(), do: "wait", amount: "5", unit: "minutes" };
  if (kind === "complete-task") return { key: key(), do: "complete-task", outcome: (doc && taskOutcomes(doc)[0]?.outcomes[0]) ?? "" };
  if (kind === "http-response") return { key: key(), do: "http-response", status: "200", body: "{}" };
  if (kind === "webhook") return { key: key(), do: "webhook", ...((doc && draftHooks(doc)[0]) ?? { hook: "", payload: "{}" }) };
  if (kind === "schedule") return { key: key(), do: "schedule" };
  if (kind === "operator-start") return { key: key(), do: "operator-start", note: "" };
  if (kind === "subflow-call") return { key: key(), do: "subflow-call", inputs: (doc && draftTriggers(doc, "trigger.subflow-called")[0]?.sample) ?? "{}" };
  if (kind === "subflow-result") return { key: key(), do: "subflow-result", outcome: "", outputs: "{}" };
  return { key: key(), do: "crm-event", name: CRM_EVENTS[0], payload: samplePayload(CRM_EVENTS[0]) };
}

/** A draft node that ends with one of several outcomes (an operator task), and those outcomes. */
export type TaskOutcomes = { nodeId: string; type: string; outcomes: string[] };

/** The draft's nodes that offer outcomes, for "operator completes task" to pick from. */
export function taskOutcomes(doc: FlowDocument): TaskOutcomes[] {
  return doc.nodes.flatMap((n) => {
    const outcomes = Array.isArray(n.settings.outcomes) ? [...new Set(n.settings.outcomes.filter((o): o is string => typeof o === "string" && o !== ""))] : [];
    return outcomes.length ? [{ nodeId: n.id, type: n.type, outcomes }] : [];
  });
}

/** Fields with empty values of their types, as JSON to fill in. */
function sampleJson(fields: { name: string; type: string }[]): string {
  const empty: Record<string, unknown> = { string: "", number: 0, boolean: false };
  return JSON.stringify(Object.fromEntries(fields.map((f) => [f.name, empty[f.type] ?? null])), null, 2);
}

/** An event's payload fields with empty values of their types, to fill in. */
export const samplePayload = (name: CrmEventName) => sampleJson(payloadVariables(name));

/** The draft's trigger nodes of a type: their settings and a sample of the fields they declare (they become variables). */
function draftTriggers(doc: FlowDocument, type: string): { settings: Record<string, unknown>; sample: string }[] {
  return doc.nodes.flatMap((node) => {
    const spec = node.type === type ? findNodeSpec(type) : undefined;
    const settings = spec?.settings.safeParse(node.settings);
    return spec && settings?.success ? [{ settings: settings.data, sample: sampleJson(spec.variables?.(settings.data).writes ?? []) }] : [];
  });
}

/** The webhooks the draft listens on, each with a sample payload of its declared fields. */
export const draftHooks = (doc: FlowDocument) => draftTriggers(doc, "trigger.webhook").map((t) => ({ hook: String(t.settings.hook), payload: t.sample }));

/** Which script line stands for each trigger's start event. */
const STARTS: Partial<Record<FlowEvent["type"], ScriptLine["do"]>> = {
  "message.received": "message",
  "crm.event": "crm-event",
  "webhook.received": "webhook",
  "schedule.fired": "schedule",
  "flow.started": "operator-start",
  "subflow.called": "subflow-call",
};

/** The simulated customer's name a fresh script offers, in the reader's language (it is editable data). */
const TEST_CUSTOMER = { en: "Test customer", ru: "Тестовый клиент" } as const;

/** A fresh script that starts the way the draft's first trigger starts (a customer message if none does). */
export function emptyScript(doc: FlowDocument, locale: keyof typeof TEST_CUSTOMER = "en"): Script {
  const start = doc.nodes
    .map((n) => findNodeSpec(n.type)?.trigger?.event)
    .map((event) => event && STARTS[event])
    .find(Boolean);
  return { customer: { name: TEST_CUSTOMER[locale], channel: "webchat", alsoOn: [] }, lines: [newLine(start ?? "message", doc)] };
}

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === "object" && !Array.isArray(value);

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

/** What is wrong with a JSON object typed into a line, quoting the parser. */
function jsonProblem(text: string, what: string): string | null {
  try {
    return isObject(JSON.parse(text)) ? null : `${what} must be a JSON object`;
  } catch (error) {
    return `${what} must be valid JSON: ${(error as Error).message}`;
  }
}

/** A JSON answer as its value; anything else as the plain text it is. */
function parseBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function toStep(line: ScriptLine): unknown {
  switch (line.do) {
    case "message":
      return { do: "message", text: line.text };
    case "complete-task":
      return { do: "complete-task", outcome: line.outcome };
    case "crm-event":
      return { do: "crm-event", name: line.name, payload: parseObject(line.payload) };
    case "http-response":
      return { do: "http-response", status: Number(line.status), body: parseBody(line.body) };
    case "webhook":
      return { do: "webhook", hook: line.hook, payload: parseObject(line.payload) };
    case "schedule":
      return { do: "schedule" };
    case "operator-start":
      return { do: "operator-start", note: line.note };
    case "subflow-call":
      return { do: "subflow-call", inputs: parseObject(line.inputs) };
    case "subflow-result":
      return { do: "subflow-result", outcome: line.outcome.trim() || null, outputs: parseObject(line.outputs) };
    case "wait":
      return { do: "wait", seconds: Number(line.amount) * WAIT_UNITS[line.unit] };
  }
}

/** The JSON object text of a line and what it is called, if it has one. */
function jsonOf(line: ScriptLine): [string, string] | null {
  if (line.do === "crm-event" || line.do === "webhook") return [line.payload, "the payload"];
  if (line.do === "subflow-call") return [line.inputs, "the inputs"];
  if (line.do === "subflow-result") return [line.outputs, "the outputs"];
  return null;
}

/** What is wrong with a line, in the engine's own words (the server checks the same schema). */
export function lineProblem(line: ScriptLine, locale = "en"): string | null {
  if (line.do === "wait" && !/^\d+$/.test(line.amount.trim())) return "a whole number";
  const json = jsonOf(line);
  const badJson = json && jsonProblem(...json);
  if (badJson) return badJson;
  const parsed = simulationStepSchema.safeParse(toStep(line));
  // zod's bounds and "required" read in the editor's language; a schema's own words stay English.
  return parsed.success ? null : errorText(fieldIssue(parsed.error.issues[0]), locale);
}

/** The steps to simulate, or null while a line is incomplete. */
export function scriptSteps(script: Script): SimulationStep[] | null {
  const steps = script.lines.map((line) => simulationStepSchema.safeParse(toStep(line)));
  return steps.length > 0 && steps.every((s) => s.success) ? steps.map((s) => s.data!) : null;
}

/** The customer as the engine takes it: a blank name is a customer whose name is unknown. */
export const scriptCustomer = ({ customer }: Script): FlowTestCase["customer"] => ({
  name: customer.name.trim() || null,
  channel: customer.channel,
  alsoOn: customer.alsoOn.filter((c) => c !== customer.channel),
});

/** A saved test case as an editable script; waits show in the largest unit that divides them. */
export function scriptFromTest(test: FlowTestCase): Script {
  const units = (Object.keys(WAIT_UNITS) as WaitUnit[]).reverse();
  return {
    from: test.name,
    customer: { name: test.customer.name ?? "", channel: test.customer.channel, alsoOn: test.customer.alsoOn },
    lines: test.steps.map((step) => lineOf(step, units)),
  };
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

function lineOf(step: SimulationStep, units: WaitUnit[]): ScriptLine {
  switch (step.do) {
    case "crm-event":
      return { key: key(), do: "crm-event", name: step.name, payload: pretty(step.payload) };
    case "http-response":
      return { key: key(), do: "http-response", status: String(step.status), body: typeof step.body === "string" ? step.body : pretty(step.body ?? null) };
    case "webhook":
      return { key: key(), do: "webhook", hook: step.hook, payload: pretty(step.payload) };
    case "subflow-call":
      return { key: key(), do: "subflow-call", inputs: pretty(step.inputs) };
    case "subflow-result":
      return { key: key(), do: "subflow-result", outcome: step.outcome ?? "", outputs: pretty(step.outputs) };
    case "wait": {
      const unit = units.find((u) => step.seconds % WAIT_UNITS[u] === 0) ?? "seconds";
      return { key: key(), do: "wait", amount: String(step.seconds / WAIT_UNITS[unit]), unit };
    }
    default:
      return { ...step, key: key() };
  }
}

export { formatDuration } from "@/engine/contracts/format";
