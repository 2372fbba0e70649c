import { compileFlow } from "../../engine/compiler/compile";
import { flowDocumentSchema } from "../../engine/contracts/flow";
import { buildMachine } from "../../engine/runtime/machine";
import { chainFlow } from "../lib/flows";
import { fmt, type Row } from "../lib/report";
import { median } from "../lib/stats";

const timeIt = (runs: number, fn: () => void) =>
  Array.from({ length: runs }, () => {
    const started = performance.now();
    fn();
    return performance.now() - started;
  });

/** (e) Publishing cost of a large flow: compileFlow (validate + compile) + buildMachine, median of `runs`. */
export function compileFigure(size = 500, runs = 20): Row[] {
  const doc = flowDocumentSchema.parse(chainFlow(size)); // the document the editor would save
  const first = compileFlow(doc);
  if (!first.ok) throw new Error(`generated flow is invalid: ${first.issues.map((i) => i.message).join("; ")}`);
  const compile = median(
    timeIt(runs, () => {
      const result = compileFlow(doc);
      if (result.ok) buildMachine(result.machine);
    }),
  );
  const floor = median(timeIt(runs, () => JSON.parse(JSON.stringify(doc))));
  return [
    {
      figure: `(e) compileFlow + buildMachine, ${doc.nodes.length} nodes / ${doc.edges.length} edges, median of ${runs}`,
      value: fmt.ms(compile),
      ceiling: `${fmt.ms(floor)} (JSON round trip)`,
      ratio: `${(compile / floor).toFixed(0)}× / ≤ 100 ms`,
      pass: compile <= 100,
    },
  ];
}
