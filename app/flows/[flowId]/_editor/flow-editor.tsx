"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ReactFlowProvider, useReactFlow, useStoreApi, type XYPosition } from "@xyflow/react";
import { useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { useMayCall } from "@/app/_lib/use-may-call";
import { FIT_PADDING, FlowCanvas, issueEdge, missingId, NO_SELECTION, type CanvasSelection } from "@/app/_ui/flow-canvas";
import { issueText } from "@/engine/compiler/issue-text";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { Loading } from "@/app/_ui/loading";
import { useNodeLocale } from "@/app/_ui/use-node-text";
import type { RouterOutputs } from "@/app/_ui/router-types";
import { WebchatPanel } from "@/app/_ui/webchat-panel";
import { autoLayout } from "./auto-layout";
import { addNode, connect, freeSpot, moveNodes, newNode, removeElements, updateSettings } from "./document-ops";
import { Inspector, type SelectedEdge } from "./inspector";
import { IssuesPanel } from "./issues-panel";
import { Palette } from "./palette";
import { SimulatePanel } from "./simulate/simulate-panel";
import { StepCaption } from "./simulate/step-caption";
import { useReplay } from "./simulate/use-replay";
import { useSimulation } from "./simulate/use-simulation";
import { Toolbar } from "./toolbar";
import { useAutosave } from "./use-autosave";
import { useFlowCheck } from "./use-flow-check";
import { useHistory } from "./use-history";
import { useUndoShortcuts } from "./use-undo-shortcuts";

/** `/flows/[flowId]`: loads the flow, then hands its draft to the editor (which owns it from then on). */
export function FlowEditor({ flowId }: { flowId: string }) {
  const trpc = useTRPC();
  const t = useTranslations("editor");
  const flow = useQuery(trpc.flows.get.queryOptions({ flowId }));
  if (flow.isPending) return <Loading label={t("loading")} />;
  if (flow.isError) return <ErrorNotice error={flow.error} className="m-6" />;
  return (
    <ReactFlowProvider>
      <Editor key={flowId} flow={flow.data} />
    </ReactFlowProvider>
  );
}

function Editor({ flow }: { flow: RouterOutputs["flows"]["get"] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const t = useTranslations("editor");
  const history = useHistory(flow.document);
  const doc = history.present;
  const check = useFlowCheck(doc, flow.id);
  const [selection, setSelection] = useState<CanvasSelection>(NO_SELECTION);
  const [issuesOpen, setIssuesOpen] = useState(false);
  const [chatOpen, setChatOpen] = useState(false);
  // `?replay=<instance>` (the instance page's "Replay on draft") opens Simulate on that replay.
  const replayOf = useSearchParams().get("replay");
  const [simulating, setSimulating] = useState(!!replayOf);
  const sim = useSimulation(doc, replayOf ? "replay" : "script");
  const replay = useReplay(doc, replayOf);
  const { fitView, setCenter } = useReactFlow();
  const store = useStoreApi();
  // A role that may only look at flows (marketer, supervisor) reads the draft: nothing on the page changes it.
  const mayEdit = useMayCall("flows.saveDraft");

  // A replay runs on the saved draft: each save makes it out of date.
  const onSaved = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.instances.replayOnDraft.queryKey() });
  }, [queryClient, trpc]);
  const save = useAutosave(flow.id, doc, onSaved);
  useUndoShortcuts(history.undo, history.redo);

  const { set } = history;
  const nodeLocale = useNodeLocale();
  const place = useCallback(
    (type: string, position: XYPosition) => {
      const node = newNode(doc, type, freeSpot(doc, position), nodeLocale);
      set((d) => addNode(d, node));
      setSelection({ nodes: [node.id], edges: [] });
    },
    [doc, set, nodeLocale],
  );

  /** Palette click: add in the middle of what the canvas shows. */
  const placeInView = (type: string) => {
    const { width, height, transform } = store.getState();
    const [x, y, zoom] = transform;
    place(type, { x: (width / 2 - x) / zoom - 120, y: (height / 2 - y) / zoom - 40 });
  };

  /** Centres the view on a canvas node (a flow node, or the marker of a missing one). */
  const centreOn = (canvasId: string) => {
    const node = store.getState().nodeLookup.get(canvasId);
    if (!node) return;
    const { x, y } = node.internals.positionAbsolute;
    void setCenter(x + (node.measured.width ?? 240) / 2, y + (node.measured.height ?? 80) / 2, { zoom: 1.1, duration: 300 });
  };

  const focusNode = (nodeId: string) => {
    if (!doc.nodes.some((n) => n.id === nodeId)) return;
    setSelection({ nodes: [nodeId], edges: [] });
    centreOn(nodeId);
  };

  /** Selects a connection and shows its source (or, when that is missing, its target). */
  const focusEdge = (edgeId: string) => {
    const edge = doc.edges.find((e) => e.id === edgeId);
    if (!edge) return;
    setSelection({ nodes: [], edges: [edgeId] });
    const ids = new Set(doc.nodes.map((n) => n.id));
    centreOn(ids.has(edge.source) ? edge.source : ids.has(edge.target) ? edge.target : missingId(edge.source));
  };

  // Auto-layout is one undoable edit; the view fits the new layout once the canvas has it.
  const [fitPending, setFitPending] = useState(false);
  const tidy = () => {
    const { nodeLookup } = store.getState();
    const laid = autoLayout(doc, (id) => {
      const { width, height } = nodeLookup.get(id)?.measured ?? {};
      return width && height ? { width, height } : undefined;
    });
    if (laid === doc) return;
    set(() => laid);
    setFitPending(true);
  };
  useEffect(() => {
    if (!fitPending) return;
    setFitPending(false);
    void fitView({ padding: FIT_PADDING, maxZoom: 1, duration: 300 });
  }, [fitPending, fitView]);

  // A drag is one undo step, reported by the canvas when the node is dropped.
  const onMove = useCallback((positions: Record<string, XYPosition>) => set((d) => moveNodes(d, positions)), [set]);
  const onConnect = useCallback((edge: { source: string; sourcePort: string; target: string }) => set((d) => connect(d, edge)), [set]);

  const deleteSelection = useCallback(
    (elements: CanvasSelection) => {
      set((d) => removeElements(d, elements.nodes, elements.edges));
      setSelection(NO_SELECTION);
    },
    [set],
  );

  const selectedNodes = useMemo(() => doc.nodes.filter((n) => selection.nodes.includes(n.id)), [doc.nodes, selection.nodes]);
  const selectedEdges = useMemo(
    (): SelectedEdge[] =>
      selection.edges.map((id) => ({ id, problems: check.issues.filter((i) => issueEdge(i) === id).map((i) => issueText(i, check.locale)) })),
    [selection.edges, check],
  );

  return (
    <div className="flex h-full flex-col" data-testid="flow-editor">
      <Toolbar
        flow={flow}
        doc={doc}
        save={save}
        history={history}
        onFit={() => void fitView({ padding: FIT_PADDING, maxZoom: 1, duration: 300 })}
        onLayout={tidy}
        chatOpen={chatOpen && !simulating}
        onToggleChat={() => {
          setChatOpen(simulating || !chatOpen);
          setSimulating(false);
        }}
        simulating={simulating}
        onToggleSimulate={() => setSimulating(!simulating)}
        onPublishRefused={() => setIssuesOpen(true)}
        onRestored={(restored) => {
          set(() => restored);
          setSelection(NO_SELECTION);
        }}
        mayEdit={mayEdit}
      />
      <div className="flex min-h-0 flex-1">
        {!simulating && mayEdit && <Palette onAdd={placeInView} />}
        <div className="flex min-w-0 flex-1 flex-col">
          <div className="relative min-h-0 flex-1">
            <FlowCanvas
              document={doc}
              problems={check.byNode}
              selection={selection}
              onSelectionChange={setSelection}
              onMove={onMove}
              onConnect={onConnect}
              onDelete={deleteSelection}
              onDropType={place}
              // Simulate mode shows a run: the draft is not edited on the canvas meanwhile.
              readOnly={simulating}
              viewOnly={!mayEdit}
              {...(simulating && (sim.tab === "replay" ? replay.canvas : sim.canvas))}
            >
              {simulating && sim.tab !== "replay" && <StepCaption doc={doc} sim={sim} />}
            </FlowCanvas>
            {doc.nodes.length === 0 && (
              <div className="pointer-events-none absolute inset-0 flex items-center justify-center">
                <p className="rounded-lg border border-dashed border-slate-300 bg-white/80 px-5 py-4 text-sm text-slate-500">{t("emptyCanvas")}</p>
              </div>
            )}
          </div>
          <IssuesPanel
            check={check}
            doc={doc}
            open={issuesOpen}
            onToggle={() => setIssuesOpen(!issuesOpen)}
            onFocus={focusNode}
            onFocusEdge={focusEdge}
            onDeleteEdge={(edgeId) => deleteSelection({ nodes: [], edges: [edgeId] })}
            viewOnly={!mayEdit}
          />
        </div>
        {simulating ? (
          <SimulatePanel
            flowId={flow.id}
            doc={doc}
            sim={sim}
            replay={replay}
            draftUnsaved={save.state.status !== "saved"}
            onTests={(update) => set((d) => ({ ...d, tests: update(d.tests ?? []) }))}
            onFocus={focusNode}
            onClose={() => setSimulating(false)}
          />
        ) : (
          <Inspector
            nodes={selectedNodes}
            edges={selectedEdges}
            edgeCount={doc.edges.length}
            problems={check.byNode}
            onSettings={(nodeId, settings, field) => set((d) => updateSettings(d, nodeId, settings), { key: `${nodeId}:${field}` })}
            onDelete={() => deleteSelection(selection)}
            viewOnly={!mayEdit}
          />
        )}
        {chatOpen && !simulating && (
          <aside className="flex w-80 shrink-0 flex-col border-l border-slate-200 bg-white" data-testid="chat-panel">
            <WebchatPanel flowId={flow.id} />
          </aside>
        )}
      </div>
    </div>
  );
}
