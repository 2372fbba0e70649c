/**
 * React keys for a trail of node ids. A trail can pass the same node more than once (a loop asks
 * again), so an entry is keyed by its node id and which visit of that node it is: `ask#0`, `ask#1`.
 */
export function keyedTrail(trail: readonly string[]): { nodeId: string; key: string }[] {
  const visits = new Map<string, number>();
  return trail.map((nodeId) => {
    const visit = visits.get(nodeId) ?? 0;
    visits.set(nodeId, visit + 1);
    return { nodeId, key: `${nodeId}#${visit}` };
  });
}
