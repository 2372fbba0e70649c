"use client";
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type OnDelete,
  type ReactFlowInstance,
  type XYPosition,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useCallback, useMemo, useRef, useState, type DragEvent, type ReactNode } from "react";
import type { FlowDocument } from "@/engine/contracts/flow";
import { findNodeSpec } from "@/nodes/registry";
import { categoryStyle, unknownStyle } from "./category-style";
import { NO_SELECTION, toCanvasEdges, toCanvasNodes, type CanvasNode, type CanvasSelection, type DiffMarks } from "./convert";
import { FlowNode } from "./flow-node";
import type { NodeProblem } from "./node-view";

/** The MIME type a palette item puts on an HTML5 drag; its data is the node type. */
export const NODE_DRAG_TYPE = "application/x-omniflow-node";

// Module scope: a new object per render would make React Flow remount every node.
const nodeTypes = { omniflow: FlowNode };
const fitViewOptions = { padding: 0.2, maxZoom: 1 };
const deleteKeys = ["Backspace", "Delete"];

export type FlowCanvasProps = {
  document: FlowDocument;
  /** A run view: no editing, nodes not on `highlight` dimmed. */
  readOnly?: boolean;
  highlight?: ReadonlySet<string>;
  highlightEdges?: ReadonlySet<string>;
  /** The nodes a run currently rests in (one per unfinished branch inside a Run in parallel). */
  current?: readonly string[];
  /** A comparison view: what changed between two versions (with the removed nodes and connections in `document`). */
  marks?: DiffMarks;
  problems?: ReadonlyMap<string, NodeProblem[]>;
  selection?: CanvasSelection;
  onSelectionChange?: (selection: CanvasSelection) => void;
  /** Node drags: `done` is false while dragging and true once, when the drag ends. */
  onMove?: (positions: Record<string, XYPosition>, done: boolean) => void;
  onConnect?: (edge: { source: string; sourcePort: string; target: string }) => void;
  onDelete?: (elements: CanvasSelection) => void;
  onDropType?: (type: string, position: XYPosition) => void;
  /** Extra overlays (React Flow `<Panel>`s). */
  children?: ReactNode;
  testId?: string;
};

/**
 * The flow canvas: a controlled React Flow over a FlowDocument. It reports what the user did
 * (move, connect, delete, drop) and leaves changing the document to its owner; only node sizes,
 * which React Flow measures itself, are kept here.
 */
export function FlowCanvas(props: FlowCanvasProps) {
  const { document: doc, readOnly = false, highlight, highlightEdges, current, marks, problems, selection = NO_SELECTION } = props;
  const [measured, setMeasured] = useState<Record<string, { width: number; height: number }>>({});
  const instance = useRef<ReactFlowInstance<CanvasNode> | null>(null);
  // Node and edge selection changes arrive in separate callbacks within one event; chain them.
  const selectionRef = useRef(selection);
  selectionRef.current = selection;

  const selectedNodes = useMemo(() => new Set(selection.nodes), [selection.nodes]);
  const selectedEdges = useMemo(() => new Set(selection.edges), [selection.edges]);
  const nodes = useMemo(
    () => toCanvasNodes(doc, { measured, selected: selectedNodes, problems, highlight, current, marks, readOnly }),
    [doc, measured, selectedNodes, problems, highlight, current, marks, readOnly],
  );
  const edges = useMemo(() => toCanvasEdges(doc, selectedEdges, highlightEdges, marks), [doc, selectedEdges, highlightEdges, marks]);

  const { onSelectionChange, onMove, onConnect, onDelete, onDropType } = props;

  const select = useCallback(
    (kind: keyof CanvasSelection, changes: { id: string; selected: boolean }[]) => {
      if (!changes.length || !onSelectionChange) return;
      const ids = new Set(selectionRef.current[kind]);
      for (const c of changes) c.selected ? ids.add(c.id) : ids.delete(c.id);
      const next = { ...selectionRef.current, [kind]: [...ids] };
      selectionRef.current = next;
      onSelectionChange(next);
    },
    [onSelectionChange],
  );

  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const sizes: Record<string, { width: number; height: number }> = {};
      const positions: Record<string, XYPosition> = {};
      let moved = false;
      let done = false;
      for (const change of changes) {
        if (change.type === "dimensions" && change.dimensions) sizes[change.id] = change.dimensions;
        if (change.type === "position") {
          if (change.position) positions[change.id] = change.position;
          moved = true;
          done ||= !change.dragging;
        }
      }
      if (Object.keys(sizes).length) setMeasured((m) => ({ ...m, ...sizes }));
      if (moved) onMove?.(positions, done);
      select(
        "nodes",
        changes.flatMap((c) => (c.type === "select" ? [c] : [])),
      );
    },
    [onMove, select],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) =>
      select(
        "edges",
        changes.flatMap((c) => (c.type === "select" ? [c] : [])),
      ),
    [select],
  );

  const handleConnect = useCallback(
    (c: Connection) => {
      if (c.sourceHandle && c.source !== c.target) onConnect?.({ source: c.source, sourcePort: c.sourceHandle, target: c.target });
    },
    [onConnect],
  );

  const handleDelete: OnDelete = useCallback(
    ({ nodes: gone, edges: cut }) => onDelete?.({ nodes: gone.map((n) => n.id), edges: cut.map((e) => e.id) }),
    [onDelete],
  );

  const onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer.types.includes(NODE_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
  };
  const onDrop = (event: DragEvent) => {
    const type = event.dataTransfer.getData(NODE_DRAG_TYPE);
    if (!type || !instance.current) return;
    event.preventDefault();
    const at = instance.current.screenToFlowPosition({ x: event.clientX, y: event.clientY });
    // Drop so the node's header sits under the pointer, not its top-left corner.
    onDropType?.(type, { x: Math.round(at.x - 120), y: Math.round(at.y - 24) });
  };

  return (
    <div className="h-full w-full" data-testid={props.testId ?? "flow-canvas"}>
      <ReactFlow<CanvasNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={handleConnect}
        onDelete={handleDelete}
        onInit={(i) => (instance.current = i)}
        onDragOver={readOnly ? undefined : onDragOver}
        onDrop={readOnly ? undefined : onDrop}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        elementsSelectable={!readOnly}
        deleteKeyCode={readOnly ? null : deleteKeys}
        connectionLineStyle={{ stroke: "#6366f1", strokeWidth: 2 }}
        fitView
        fitViewOptions={fitViewOptions}
        minZoom={0.2}
        maxZoom={2}
        className="bg-slate-50"
      >
        <Background variant={BackgroundVariant.Dots} gap={18} size={1.2} color="#cbd5e1" />
        <Controls showInteractive={false} position="bottom-left" />
        <MiniMap
          pannable
          zoomable
          position="top-right"
          className="overflow-hidden rounded-md border border-slate-200 shadow-sm"
          style={{ width: 168, height: 108 }}
          nodeColor={(n) => {
            const spec = findNodeSpec((n as CanvasNode).data.node.type);
            return spec ? categoryStyle[spec.category].color : unknownStyle.color;
          }}
          nodeBorderRadius={6}
          maskColor="rgba(241, 245, 249, 0.7)"
        />
        {props.children}
      </ReactFlow>
    </div>
  );
}
