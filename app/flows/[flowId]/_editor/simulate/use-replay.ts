"use client";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import type { FlowDocument } from "@/engine/contracts/flow";
import { useTRPC } from "@/app/_lib/trpc";
import { pathHighlight } from "@/app/_ui/flow-canvas";
import type { RouterOutputs } from "@/app/_ui/router-types";

export type ReplayResult = RouterOutputs["instances"]["replayOnDraft"];

/**
 * "Replay on draft": which instance is replayed (from `/flows/<id>?replay=<instance>`, or picked in
 * the panel) and its replay on the saved draft. The editor refetches it after each autosave.
 */
export function useReplay(doc: FlowDocument, initial: string | null) {
  const trpc = useTRPC();
  const [instanceId, setInstanceId] = useState(initial);
  const replay = useQuery(trpc.instances.replayOnDraft.queryOptions({ instanceId: instanceId ?? "" }, { enabled: !!instanceId }));
  const data = replay.data?.instanceId === instanceId ? replay.data : undefined;
  // The canvas shows the draft's path, and the node where it leaves the real one as where it rests.
  const canvas = useMemo(() => {
    if (!data) return null;
    const { nodes, edges } = pathHighlight(
      doc,
      data.draft.path.map((p) => p.nodeId),
    );
    const parted = data.divergence?.draft ?? data.divergence?.real;
    return { highlight: nodes, highlightEdges: edges, current: parted ? [parted.nodeId] : [] };
  }, [doc, data]);
  return { instanceId, setInstanceId, data, loading: replay.isFetching, error: replay.error, refetch: replay.refetch, canvas };
}

export type Replay = ReturnType<typeof useReplay>;
