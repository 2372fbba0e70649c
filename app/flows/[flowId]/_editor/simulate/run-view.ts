import type { FlowDocument } from "@/engine/contracts/flow";
import type { Expectation, FlowTestCase, SimulationStep } from "@/engine/contracts/simulation";
import { pathHighlight } from "@/app/_ui/flow-canvas";
import type { RouterOutputs } from "@/app/_ui/router-types";
import { newId } from "../document-ops";

export type SimulationRun = RouterOutputs["flows"]["simulate"];
export type SimulatedStep = SimulationRun["steps"][number];
export type TestResult = RouterOutputs["flows"]["runTests"][number];

/** A run and what it ran: the draft (to tell when it is out of date) and the steps (to prefill a test case). */
export type RunResult = { run: SimulationRun; doc: FlowDocument; steps: SimulationStep[]; label: string };

/** The draft's nodes or edges changed since `since` (saving a test case does not count). */
export const graphChanged = (doc: FlowDocument, since: FlowDocument) => doc.nodes !== since.nodes || doc.edges !== since.edges;

/** Canvas marks for step `index`: everything passed so far lit, the node the run rests in after it current. */
export function stepHighlight(doc: FlowDocument, steps: SimulatedStep[], index: number) {
  const path = steps.slice(0, index + 1).flatMap((s) => s.trail);
  const { nodes, edges } = pathHighlight(doc, path);
  const last = path.at(-1);
  return { highlight: nodes, highlightEdges: edges, current: last ? [last] : [] };
}

/** What a new test case expects, taken from a run of the same steps. */
export function expectationFromRun(run: SimulationRun): Expectation {
  return { status: run.status, ...(run.outcome !== null && { outcome: run.outcome }), sent: run.sent };
}

/** A readable id from the name ("Hours are answered" → "hours-are-answered"), unique among the tests. */
export function testId(name: string, tests: FlowTestCase[]): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  const taken = (id: string) => tests.some((t) => t.id === id);
  return slug && !taken(slug) ? slug : newId(slug || "test", taken);
}
