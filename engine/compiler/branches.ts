import type { FlowIssue } from "../contracts/flow";
import type { JoinMode } from "../../nodes/_kit/structure";
import { findStructureSpec } from "../../nodes/registry";
import type { ResolvedNode, Wiring } from "./resolved";

/** One branch of a Run in parallel: the nodes between its port and the Join (nested parallels included). */
export type Branch = { port: string; label: string; nodes: Set<string> };
export type Parallel = { id: string; joinId: string; mode: JoinMode; branches: Branch[] };
/** The innermost branch a node sits in. */
export type Region = { parallelId: string; port: string };

export type Branching = {
  /** Every well-formed Run in parallel, by node id. */
  parallels: Map<string, Parallel>;
  /** Nodes inside a branch; nodes outside every branch are absent. */
  regionOf: Map<string, Region>;
};

/**
 * Finds each Run in parallel's branches (everything reachable from a branch port without passing
 * its Join) and refuses shapes the compiler cannot nest: a branch with no Join, branches meeting at
 * different Joins, wires crossing between branches or entering one from outside, a Join no
 * parallel leads to, an End inside a branch, a branch leading back into its own parallel.
 * A parallel inside a branch is nested: its branches and Join belong to the outer branch.
 */
export function checkBranches(nodes: Map<string, ResolvedNode>, wiring: Wiring): { issues: FlowIssue[]; branching: Branching } {
  const issues: FlowIssue[] = [];
  /** What a node is to the branch analysis: a parallel, a Join, an End, or nothing special. */
  const kindOf = (id: string) => nodes.get(id)?.spec.structure?.kind;
  const next = (id: string) => [...(wiring.get(id)?.values() ?? [])];
  const analysed = new Map<string, Parallel | null>();
  const inProgress = new Set<string>();
  const reachedJoins = new Set<string>();
  const title = (id: string) => `${nodes.get(id)!.spec.title} (${id})`;

  /** Walks one branch; `broken` when it cannot be judged (unconnected, or a faulty nested parallel). */
  function walk(parallelId: string, port: string, label: string) {
    const members = new Set<string>();
    const joins = new Set<string>();
    let broken = !wiring.get(parallelId)?.has(port);
    const stack = broken ? [] : [wiring.get(parallelId)!.get(port)!];
    while (stack.length) {
      const id = stack.pop()!;
      if (members.has(id)) continue;
      if (kindOf(id) === "join") {
        joins.add(id);
        continue;
      }
      members.add(id);
      if (inProgress.has(id)) {
        // A branch (maybe of a parallel nested in this one) leads back into a parallel still being walked.
        if (!issues.some((i) => i.code === "parallel-loop" && i.nodeId === id)) {
          issues.push({
            code: "parallel-loop",
            nodeId: id,
            params: { node: nodes.get(id)!.spec.type, id },
            message: `${title(id)}: a branch leads back into this node; lead it into the Join and loop after the Join.`,
          });
        }
        broken = true;
        continue;
      }
      if (kindOf(id) === "parallel") {
        const inner = analyse(id);
        if (!inner) {
          broken = true;
          continue;
        }
        for (const branch of inner.branches) for (const n of branch.nodes) members.add(n);
        members.add(inner.joinId);
        stack.push(...next(inner.joinId));
        continue;
      }
      if (kindOf(id) === "end") {
        issues.push({
          code: "end-in-branch",
          nodeId: id,
          params: { node: nodes.get(parallelId)!.spec.type, id: parallelId, branch: label, port },
          message: `End inside branch "${label}" of ${title(parallelId)}: end the flow after the join.`,
        });
      }
      stack.push(...next(id));
    }
    for (const j of joins) reachedJoins.add(j);
    return { members, joins, broken };
  }

  function analyse(id: string): Parallel | null {
    if (analysed.has(id)) return analysed.get(id)!;
    analysed.set(id, null);
    inProgress.add(id);
    const walks = nodes.get(id)!.outputs.map((port) => ({ port: port.id, label: port.label, ...walk(id, port.id, port.label) }));
    inProgress.delete(id);
    for (const w of walks.filter((w) => !w.broken && w.joins.size === 0)) {
      issues.push({
        code: "branch-without-join",
        nodeId: id,
        params: { node: nodes.get(id)!.spec.type, id, branch: w.label, port: w.port },
        message: `${title(id)}: branch "${w.label}" never reaches a Join; lead every branch into the same Join.`,
      });
    }
    const joins = new Set(walks.flatMap((w) => [...w.joins]));
    if (joins.size > 1) {
      issues.push({
        code: "branches-different-joins",
        nodeId: id,
        params: { node: nodes.get(id)!.spec.type, id, joins: [...joins].join(", ") },
        message: `${title(id)}: the branches meet at different Joins (${[...joins].join(", ")}); lead every branch into one Join.`,
      });
    }
    if (joins.size !== 1 || walks.some((w) => w.broken || w.joins.size === 0)) return null;
    const joinId = [...joins][0];
    const parallel: Parallel = {
      id,
      joinId,
      mode: joinMode(nodes.get(joinId)!),
      branches: walks.map((w) => ({ port: w.port, label: w.label, nodes: w.members })),
    };
    analysed.set(id, parallel);
    return parallel;
  }

  for (const node of nodes.values()) if (kindOf(node.id) === "parallel") analyse(node.id);
  const parallels = new Map([...analysed].filter((entry): entry is [string, Parallel] => entry[1] !== null));

  const parallelTitle = findStructureSpec("parallel")?.title ?? "parallel";
  for (const node of nodes.values()) {
    if (kindOf(node.id) === "join" && !reachedJoins.has(node.id)) {
      issues.push({
        code: "join-without-parallel",
        nodeId: node.id,
        params: { node: node.spec.type, ...(findStructureSpec("parallel") && { parallel: findStructureSpec("parallel")!.type }) },
        message: `Join: no ${parallelTitle} leads here; a Join closes the branches of one ${parallelTitle}.`,
      });
    }
  }
  issues.push(...checkBoundaries(parallels, wiring, nodes));
  return { issues, branching: { parallels, regionOf: innermostRegions(parallels) } };
}

/** How the Join decides when to go on (`all` unless it says otherwise). */
function joinMode(join: ResolvedNode): JoinMode {
  const structure = join.spec.structure;
  return structure?.kind === "join" ? structure.mode(join.settings) : "all";
}

/** A node on two branches of one parallel, or a wire into a branch (or its Join) from outside. */
function checkBoundaries(parallels: Map<string, Parallel>, wiring: Wiring, nodes: Map<string, ResolvedNode>): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const specTitle = (id: string) => nodes.get(id)!.spec.title;
  const title = (id: string) => `${specTitle(id)} (${id})`;
  const sources = new Map<string, string[]>();
  for (const [from, ports] of wiring) for (const to of ports.values()) sources.set(to, [...(sources.get(to) ?? []), from]);

  for (const p of parallels.values()) {
    const branchOf = new Map<string, Branch>();
    for (const branch of p.branches) {
      for (const id of branch.nodes) {
        const other = branchOf.get(id);
        if (other)
          issues.push({
            code: "branch-crossing",
            nodeId: id,
            params: { node: nodes.get(p.id)!.spec.type, id: p.id, branch: other.label, port: other.port, otherBranch: branch.label, otherPort: branch.port },
            message: `This node is on branches "${other.label}" and "${branch.label}" of ${title(p.id)}; wires may not cross between branches.`,
          });
        else branchOf.set(id, branch);
      }
    }
    // A wire from another branch (or from another port of the parallel) is a crossing, reported above.
    const outside = (from: string) => !branchOf.has(from) && from !== p.id;
    for (const branch of p.branches) {
      for (const id of branch.nodes) {
        const outsider = sources.get(id)?.find(outside);
        if (outsider)
          issues.push({
            code: "branch-entered-from-outside",
            nodeId: id,
            params: { key: "branch", node: nodes.get(p.id)!.spec.type, id: p.id, from: outsider, branch: branch.label, port: branch.port },
            message: `A wire from ${outsider} enters branch "${branch.label}" of ${title(p.id)} from outside; a branch starts only at its ${specTitle(p.id)}.`,
          });
      }
    }
    const outsider = sources.get(p.joinId)?.find(outside);
    if (outsider)
      issues.push({
        code: "branch-entered-from-outside",
        nodeId: p.joinId,
        params: { key: "join", node: nodes.get(p.id)!.spec.type, id: p.id, from: outsider },
        message: `A wire from ${outsider} reaches the Join of ${title(p.id)} from outside its branches.`,
      });
  }
  return issues;
}

/** Branches are nested or disjoint once the boundaries hold, so the smallest one holding a node is its region. */
function innermostRegions(parallels: Map<string, Parallel>): Map<string, Region> {
  const regionOf = new Map<string, Region & { size: number }>();
  for (const p of parallels.values()) {
    for (const branch of p.branches) {
      for (const id of branch.nodes) {
        const known = regionOf.get(id);
        if (!known || known.size > branch.nodes.size) regionOf.set(id, { parallelId: p.id, port: branch.port, size: branch.nodes.size });
      }
    }
  }
  return new Map([...regionOf].map(([id, { parallelId, port }]) => [id, { parallelId, port }]));
}
