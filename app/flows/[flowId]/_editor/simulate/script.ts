import { crmEventNames, payloadVariables, type CrmEventName } from "@/engine/contracts/crm-events";
import { channelSchema, type Channel } from "@/engine/contracts/events";
import { simulationStepSchema, type FlowTestCase, type SimulationStep } from "@/engine/contracts/simulation";

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
  | { key: string; do: "http-response"; status: string; body: string };

/** `from`: the test case it was loaded from, to name its runs. */
export type Script = { customer: { name: string; channel: Channel; alsoOn: Channel[] }; lines: ScriptLine[]; from?: string };

let keys = 0;
const key = () => `line-${++keys}`;

export function newLine(kind: ScriptLine["do"]): ScriptLine {
  if (kind === "message") return { key: key(), do: "message", text: "" };
  if (kind === "wait") return { key: key(), do: "wait", amount: "5", unit: "minutes" };
  if (kind === "complete-task") return { key: key(), do: "complete-task", outcome: "" };
  if (kind === "http-response") return { key: key(), do: "http-response", status: "200", body: "{}" };
  return { key: key(), do: "crm-event", name: CRM_EVENTS[0], payload: samplePayload(CRM_EVENTS[0]) };
}

/** An event's payload fields with empty values of their types, to fill in. */
export function samplePayload(name: CrmEventName): string {
  const empty = { string: "", number: 0, boolean: false };
  return JSON.stringify(Object.fromEntries(payloadVariables(name).map((v) => [v.name, empty[v.type]])), null, 2);
}

function parsePayload(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
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

export const EMPTY_SCRIPT: Script = { customer: { name: "Test customer", channel: "webchat", alsoOn: [] }, lines: [newLine("message")] };

function toStep(line: ScriptLine): unknown {
  if (line.do === "message") return { do: "message", text: line.text };
  if (line.do === "complete-task") return { do: "complete-task", outcome: line.outcome };
  if (line.do === "crm-event") return { do: "crm-event", name: line.name, payload: parsePayload(line.payload) };
  if (line.do === "http-response") return { do: "http-response", status: Number(line.status), body: parseBody(line.body) };
  return { do: "wait", seconds: Number(line.amount) * WAIT_UNITS[line.unit] };
}

/** What is wrong with a line, in the engine's own words (the server checks the same schema). */
export function lineProblem(line: ScriptLine): string | null {
  if (line.do === "wait" && !/^\d+$/.test(line.amount.trim())) return "a whole number";
  if (line.do === "crm-event" && !parsePayload(line.payload)) return "the payload must be a JSON object";
  const parsed = simulationStepSchema.safeParse(toStep(line));
  return parsed.success ? null : parsed.error.issues[0].message;
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
    lines: test.steps.map((step): ScriptLine => {
      if (step.do === "crm-event") return { key: key(), do: "crm-event", name: step.name, payload: JSON.stringify(step.payload, null, 2) };
      if (step.do === "http-response") return { key: key(), do: "http-response", status: String(step.status), body: typeof step.body === "string" ? step.body : JSON.stringify(step.body ?? null, null, 2) };
      if (step.do !== "wait") return { ...step, key: key() };
      const unit = units.find((u) => step.seconds % WAIT_UNITS[u] === 0) ?? "seconds";
      return { key: key(), do: "wait", amount: String(step.seconds / WAIT_UNITS[unit]), unit };
    }),
  };
}

/** "90 min" → "1 h 30 min": the two largest non-zero units of a duration. */
export function formatDuration(ms: number): string {
  let rest = Math.round(ms / 1000);
  if (rest === 0) return "0 s";
  const parts: string[] = [];
  for (const [unit, label] of [[86400, "d"], [3600, "h"], [60, "min"], [1, "s"]] as const) {
    if (rest >= unit) parts.push(`${Math.floor(rest / unit)} ${label}`);
    rest %= unit;
  }
  return parts.slice(0, 2).join(" ");
}
