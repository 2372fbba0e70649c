/** Grid steps for template canvases: a node is 240 px wide, so columns never overlap. */
const COLUMN = 280;
const ROW = 140;

/** A canvas position on the template grid (column left to right, row top to bottom). */
export const at = (column: number, row: number) => ({ x: column * COLUMN, y: row * ROW });

/**
 * Edges from `[source, port, target]` triples, numbered e1, e2, … in order.
 * @example wires(["start", "out", "greet"]) // [{ id: "e1", source: "start", sourcePort: "out", target: "greet" }]
 */
export function wires(...list: [source: string, port: string, target: string][]) {
  return list.map(([source, sourcePort, target], i) => ({ id: `e${i + 1}`, source, sourcePort, target }));
}
