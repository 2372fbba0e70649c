import type { NodeSpec, Port } from "../../nodes/_kit/define-node";

/** A node whose type is known and whose settings parsed. */
export type ResolvedNode = { id: string; spec: NodeSpec; settings: Record<string, unknown>; outputs: Port[] };

/** `nodeId -> portId -> target nodeId` */
export type Wiring = Map<string, Map<string, string>>;
