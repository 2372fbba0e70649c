import type { FlowIssue } from "../contracts/flow";
import type { VariableType, VariableUse } from "../../nodes/_kit/define-node";
import type { ResolvedNode } from "./resolved";

const VARS_IN_TEMPLATE = /\{\{\s*vars\.([A-Za-z_][A-Za-z0-9_]*)/g;

/** `{{vars.x}}` anywhere in a node's settings, with the setting's path. */
function templateReads(value: unknown, path: string[] = []): VariableUse[] {
  if (typeof value === "string") return [...value.matchAll(VARS_IN_TEMPLATE)].map((m) => ({ name: m[1], type: "any", field: path.join(".") }));
  if (Array.isArray(value)) return value.flatMap((v, i) => templateReads(v, [...path, String(i)]));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => templateReads(v, [...path, k]));
  return [];
}

const compatible = (written: VariableType, read: VariableType) => written === "any" || read === "any" || written === read;

/**
 * Publish-time variable checks: every read names a variable some node writes, with a compatible
 * type, and no two nodes write one variable with different types.
 */
export function checkVariables(nodes: Iterable<ResolvedNode>): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const written = new Map<string, { type: VariableType; nodeId: string }>();
  const all = [...nodes];
  for (const node of all) {
    for (const write of node.spec.variables?.(node.settings).writes ?? []) {
      const prior = written.get(write.name);
      if (prior && !compatible(prior.type, write.type)) {
        issues.push({
          code: "variable-type",
          nodeId: node.id,
          field: write.field,
          params: { key: "write", node: node.spec.type, variable: write.name, type: prior.type, setBy: prior.nodeId, written: write.type },
          message: `vars.${write.name} is a ${prior.type} (set by ${prior.nodeId}); this node writes a ${write.type}.`,
        });
      } else if (!prior || prior.type === "any") written.set(write.name, { type: write.type, nodeId: node.id });
    }
  }
  for (const node of all) {
    const reads = [...(node.spec.variables?.(node.settings).reads ?? []), ...templateReads(node.settings)];
    for (const read of reads) {
      const source = written.get(read.name);
      if (!source) {
        issues.push({
          code: "unknown-variable",
          nodeId: node.id,
          field: read.field,
          params: { node: node.spec.type, variable: read.name },
          message: `${node.spec.title}: vars.${read.name} is never set; set it with a node before using it.`,
        });
      } else if (!compatible(source.type, read.type)) {
        issues.push({
          code: "variable-type",
          nodeId: node.id,
          field: read.field,
          params: { key: "read", node: node.spec.type, variable: read.name, type: source.type, setBy: source.nodeId, needed: read.type },
          message: `${node.spec.title}: vars.${read.name} is a ${source.type} (set by ${source.nodeId}), a ${read.type} is needed here.`,
        });
      }
    }
  }
  return issues;
}
