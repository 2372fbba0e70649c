"use client";
import {
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  useStore,
  useStoreApi,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type OnDelete,
  type ReactFlowInstance,
  type XYPosition,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { Map as MapIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type ReactNode } from "react";
import type { FlowDocument } from "@/engine/contracts/flow";
import { findNodeSpec } from "@/nodes/registry";
import { categoryStyle, unknownStyle } from "./category-style";
import { NO_SELECTION, toCanvasEdges, toCanvasNodes, type AnyCanvasNode, type CanvasSelection, type DiffMarks } from "./convert";
import { FlowNode, MissingNodeMarker } from "./flow-node";
import type { NodeProblem } from "./node-view";
import { FIT_PADDING, MAX_ZOOM, MIN_ZOOM, openingViewport } from "./opening-view";

/** The MIME type a palette item puts on an HTML5 drag; its data is the node type. */
export const NODE_DRAG_TYPE = "application/x-omniflow-node";

// Module scope: a new object per render would make React Flow remount every node.
const nodeTypes = { omniflow: FlowNode, missing: MissingNodeMarker };
const deleteKeys = ["Backspace", "Delete"];
/** From this many nodes only those in view are mounted; below it, mounting nodes as they scroll in costs more than it saves. */
const CULL_FROM = 150;
/** From this many nodes the minimap starts shown (it can always be toggled); a smaller flow fits the screen without it. */
const MAP_FROM = 40;
/** Below this zoom a node's texts are specks: only node boxes and connections are painted (`data-far`, globals.css). */
const FAR_ZOOM = 0.3;
/** A node as dropped: the default node's size, so its middle lands under the pointer. */
const DROPPED = { width: 240, height: 80 };

export type FlowCanvasProps = {
  document: FlowDocument;
  /** A run view: no editing, nodes not on `highlight` dimmed. */
  readOnly?: boolean;
  /** Someone who may only look (their role cannot edit flows): nodes can be selected to read their settings, nothing moves or changes. */
  viewOnly?: boolean;
  highlight?: ReadonlySet<string>;
  highlightEdges?: ReadonlySet<string>;
  /** The nodes a run currently rests in (one per unfinished branch inside a Run in parallel). */
  current?: readonly string[];
  /** A comparison view: what changed between two versions (with the removed nodes and connections in `document`). */
  marks?: DiffMarks;
  problems?: ReadonlyMap<string, NodeProblem[]>;
  selection?: CanvasSelection;
  onSelectionChange?: (selection: CanvasSelection) => void;
  /** Nodes moved: once per drag, when it ends (or per arrow-key press), with their new positions. */
  onMove?: (positions: Record<string, XYPosition>) => void;
  onConnect?: (edge: { source: string; sourcePort: string; target: string }) => void;
  onDelete?: (elements: CanvasSelection) => void;
  onDropType?: (type: string, position: XYPosition) => void;
  /** Extra overlays (React Flow `<Panel>`s). */
  children?: ReactNode;
  testId?: string;
};

/**
 * The flow canvas: a controlled React Flow over a FlowDocument. It reports what the user did
 * (move, connect, delete, drop) and leaves changing the document to its owner. Kept here: node
 * sizes, which React Flow measures itself, and the positions of nodes while they are dragged
 * (reported once, on the drop), so a drag re-renders the canvas, not the editor around it.
 */
export function FlowCanvas(props: FlowCanvasProps) {
  const { document: doc, readOnly = false, viewOnly = false, highlight, highlightEdges, current, marks, problems, selection = NO_SELECTION } = props;
  const fixed = readOnly || viewOnly;
  const t = useTranslations("canvas");
  const [measured, setMeasured] = useState<Record<string, { width: number; height: number }>>({});
  const [dragged, setDragged] = useState<Record<string, XYPosition> | null>(null);
  const draggedRef = useRef(dragged);
  const [opened, setOpened] = useState(false);
  const onOpened = useCallback(() => setOpened(true), []);
  const [showMap, setShowMap] = useState(doc.nodes.length >= MAP_FROM);
  const instance = useRef<ReactFlowInstance<AnyCanvasNode> | null>(null);
  // Node and edge selection changes arrive in separate callbacks within one event; chain them.
  const selectionRef = useRef(selection);
  selectionRef.current = selection;

  const selectedNodes = useMemo(() => new Set(selection.nodes), [selection.nodes]);
  const selectedEdges = useMemo(() => new Set(selection.edges), [selection.edges]);
  const docNodes = useMemo(
    () => toCanvasNodes(doc, { measured, selected: selectedNodes, problems, highlight, current, marks, readOnly: fixed }),
    [doc, measured, selectedNodes, problems, highlight, current, marks, fixed],
  );
  const nodes = useMemo(
    () => (dragged ? docNodes.map((n) => (dragged[n.id] ? ({ ...n, position: dragged[n.id] } as AnyCanvasNode) : n)) : docNodes),
    [docNodes, dragged],
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
    (changes: NodeChange<AnyCanvasNode>[]) => {
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
      // A node scrolled back into view measures again: keep the old size object so its canvas node is reused.
      if (Object.keys(sizes).length)
        setMeasured((m) => {
          const fresh = Object.entries(sizes).filter(([id, size]) => m[id]?.width !== size.width || m[id]?.height !== size.height);
          return fresh.length ? { ...m, ...Object.fromEntries(fresh) } : m;
        });
      if (moved) {
        const all = { ...draggedRef.current, ...positions };
        draggedRef.current = done ? null : all;
        setDragged(draggedRef.current);
        if (done) onMove?.(all);
      }
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
    // Centred on the pointer, and kept whole inside the visible canvas (not half under a side panel).
    const pane = event.currentTarget.getBoundingClientRect();
    const toFlow = instance.current.screenToFlowPosition;
    const at = toFlow({ x: event.clientX, y: event.clientY });
    const [min, max] = [toFlow({ x: pane.left + 8, y: pane.top + 8 }), toFlow({ x: pane.right - 8, y: pane.bottom - 8 })];
    const clamp = (v: number, lo: number, hi: number) => Math.round(Math.max(lo, Math.min(v, hi)));
    onDropType?.(type, {
      x: clamp(at.x - DROPPED.width / 2, min.x, max.x - DROPPED.width),
      y: clamp(at.y - DROPPED.height / 2, min.y, max.y - DROPPED.height),
    });
  };

  return (
    <div className={`h-full w-full ${opened || !doc.nodes.length ? "" : "opacity-0"}`} data-testid={props.testId ?? "flow-canvas"} data-opened={opened}>
      <ReactFlow<AnyCanvasNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={handleConnect}
        onDelete={handleDelete}
        onInit={(i) => (instance.current = i)}
        onDragOver={fixed ? undefined : onDragOver}
        onDrop={fixed ? undefined : onDrop}
        nodesDraggable={!fixed}
        nodesConnectable={!fixed}
        elementsSelectable={!readOnly}
        deleteKeyCode={fixed ? null : deleteKeys}
        connectionLineStyle={{ stroke: "#6366f1", strokeWidth: 2 }}
        onlyRenderVisibleElements={doc.nodes.length >= CULL_FROM}
        minZoom={MIN_ZOOM}
        maxZoom={MAX_ZOOM}
        className="bg-slate-50"
      >
        <OpeningView doc={doc} onOpened={onOpened} />
        <FarView />
        <Background variant={BackgroundVariant.Dots} gap={18} size={1.2} color="#cbd5e1" />
        <Controls showInteractive={false} position="bottom-left" fitViewOptions={{ padding: FIT_PADDING, maxZoom: 1 }}>
          <ControlButton
            onClick={() => setShowMap(!showMap)}
            title={t("toggleMap")}
            aria-label={t("toggleMap")}
            aria-pressed={showMap}
            data-testid="minimap-toggle"
          >
            {/* React Flow fills control icons; lucide's are strokes. */}
            <MapIcon style={{ fill: "none" }} />
          </ControlButton>
        </Controls>
        {showMap && (
          <MiniMap
            pannable
            zoomable
            position="bottom-right"
            className="overflow-hidden rounded-md border border-slate-200 shadow-sm"
            style={{ width: 168, height: 108 }}
            nodeColor={minimapColor}
            nodeBorderRadius={6}
            maskColor="rgba(241, 245, 249, 0.7)"
          />
        )}
        {props.children}
      </ReactFlow>
    </div>
  );
}

const minimapColor = (n: AnyCanvasNode) => {
  if (n.type === "missing") return unknownStyle.color;
  const spec = findNodeSpec(n.data.node.type);
  return spec ? categoryStyle[spec.category].color : unknownStyle.color;
};

/**
 * Marks the canvas `data-far` while zoomed out past reading. Painting hundreds of unreadable titles
 * is what made a fitted large flow slow to pan and drag; the selector re-renders only on crossing.
 */
function FarView() {
  const far = useStore((s) => s.transform[2] < FAR_ZOOM);
  const canvas = useStore((s) => s.domNode);
  useEffect(() => {
    canvas?.toggleAttribute("data-far", far);
  }, [canvas, far]);
  return null;
}

/**
 * Once the nodes are measured, moves to where the flow opens (`openingViewport`): fitted, or at a
 * readable zoom on its trigger. The pane stays transparent until then, so it does not jump.
 */
function OpeningView({ doc, onOpened }: { doc: FlowDocument; onOpened: () => void }) {
  const initialized = useNodesInitialized();
  const flow = useReactFlow<AnyCanvasNode>();
  const store = useStoreApi<AnyCanvasNode>();
  const done = useRef(false);
  const open = useCallback(() => {
    if (done.current) return;
    done.current = true;
    const start = doc.nodes.find((n) => findNodeSpec(n.type)?.trigger) ?? doc.nodes.reduce((a, b) => (b.position.x < a.position.x ? b : a), doc.nodes[0]);
    const startNode = start && flow.getInternalNode(start.id);
    const startRect = startNode && { ...startNode.internals.positionAbsolute, width: startNode.measured.width ?? 240, height: startNode.measured.height ?? 80 };
    const { width, height } = store.getState();
    void flow.setViewport(openingViewport(flow.getNodesBounds(flow.getNodes()), startRect ?? null, width, height)).then(onOpened);
  }, [doc.nodes, flow, store, onOpened]);
  useEffect(() => {
    if (initialized) open();
  }, [initialized, open]);
  // Should a node never report its size, open anyway (with what is measured) rather than stay hidden.
  useEffect(() => {
    const late = setTimeout(open, 3000);
    return () => clearTimeout(late);
  }, [open]);
  return null;
}
