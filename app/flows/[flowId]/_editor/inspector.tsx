"use client";
import { CircleAlert, MousePointerClick, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo } from "react";
import type { FlowNode } from "@/engine/contracts/flow";
import { findNodeSpec } from "@/nodes/registry";
import { categoryStyle, NodeIcon, settingsJsonSchema, unknownStyle, type NodeProblem } from "@/app/_ui/flow-canvas";
import { Button } from "@/app/_ui/button";
import { NodeTextContext, useNodeTexts } from "@/app/_ui/use-node-text";
import { SettingsForm } from "./settings-form";

/** A selected connection, with what is wrong with it (a dangling one), in the reader's language. */
export type SelectedEdge = { id: string; problems: string[] };

type Props = {
  nodes: FlowNode[];
  edges: SelectedEdge[];
  edgeCount: number;
  problems: ReadonlyMap<string, NodeProblem[]>;
  onSettings: (nodeId: string, settings: Record<string, unknown>, field: string) => void;
  onDelete: () => void;
  /** The reader may not edit flows: the settings are shown, every control disabled. */
  viewOnly?: boolean;
};

/** The right-hand panel: the selected node's settings, the selected connections, or what to do when nothing is selected. */
export function Inspector({ nodes, edges, edgeCount, problems, onSettings, onDelete, viewOnly = false }: Props) {
  const t = useTranslations("editor.inspector");
  return (
    <aside className="flex w-80 shrink-0 flex-col border-l border-slate-200 bg-white" data-testid="inspector">
      <fieldset disabled={viewOnly} className="m-0 flex min-h-0 min-w-0 flex-1 flex-col border-0 p-0">
        {nodes.length === 1 ? (
          <NodeSettings
            key={nodes[0].id}
            node={nodes[0]}
            problems={problems.get(nodes[0].id) ?? []}
            onSettings={onSettings}
            onDelete={viewOnly ? undefined : onDelete}
          />
        ) : nodes.length > 1 ? (
          <div className="flex flex-1 flex-col items-center justify-center gap-3 p-6 text-center">
            <p className="text-sm text-slate-600">{t("selected", { count: nodes.length })}</p>
            <Button variant="danger" size="sm" onClick={onDelete} data-testid="inspector-delete">
              <Trash2 className="size-3.5" aria-hidden /> {t("deleteSelected", { count: nodes.length })}
            </Button>
          </div>
        ) : edges.length > 0 ? (
          <Connections edges={edges} onDelete={onDelete} />
        ) : (
          <Nothing edgeCount={edgeCount} viewOnly={viewOnly} />
        )}
      </fieldset>
    </aside>
  );
}

function Connections({ edges, onDelete }: { edges: SelectedEdge[]; onDelete: () => void }) {
  const t = useTranslations("editor.inspector");
  return (
    <div className="flex flex-1 flex-col gap-3 p-4" data-testid="inspector-connections">
      <p className="text-sm font-medium text-slate-800">{t("connectionsSelected", { count: edges.length })}</p>
      <ul className="space-y-2 text-xs">
        {edges.map((edge) => (
          <li key={edge.id} className="rounded-md border border-slate-200 px-3 py-2" data-testid={`inspector-connection-${edge.id}`}>
            <span className="font-mono text-slate-500">{edge.id}</span>
            {edge.problems.map((p) => (
              <p key={p} className="mt-1 flex gap-1.5 leading-4 text-rose-700">
                <CircleAlert className="mt-px size-3 shrink-0" aria-hidden />
                {p}
              </p>
            ))}
          </li>
        ))}
      </ul>
      <Button variant="danger" size="sm" onClick={onDelete} data-testid="inspector-delete-connections">
        <Trash2 className="size-3.5" aria-hidden /> {t("deleteConnections", { count: edges.length })}
      </Button>
    </div>
  );
}

function Nothing({ edgeCount, viewOnly }: { edgeCount: number; viewOnly: boolean }) {
  const t = useTranslations("editor.inspector");
  return (
    <div className="flex flex-1 flex-col items-center justify-center p-6 text-center" data-testid="inspector-empty">
      <div className="mb-3 flex size-10 items-center justify-center rounded-full bg-slate-100 text-slate-500">
        <MousePointerClick className="size-5" aria-hidden />
      </div>
      <p className="text-sm font-medium text-slate-800">{t(viewOnly ? "nothingToRead" : "nothing")}</p>
      <p className="mt-1 text-xs text-slate-500">{t("connections", { count: edgeCount })}</p>
      {!viewOnly && <Keys />}
    </div>
  );
}

function Keys() {
  const t = useTranslations("editor.inspector");
  return (
    <dl className="mt-6 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-left text-xs text-slate-500">
      {[
        ["Del", t("keys.delete")],
        ["Ctrl Z", t("keys.undo")],
        ["Ctrl ⇧ Z", t("keys.redo")],
        [t("keys.dragKey"), t("keys.select")],
      ].map(([key, what]) => (
        <div key={key} className="contents">
          <dt>
            <kbd className="rounded border border-slate-200 bg-slate-50 px-1.5 py-0.5 font-sans text-[11px] text-slate-600">{key}</kbd>
          </dt>
          <dd>{what}</dd>
        </div>
      ))}
    </dl>
  );
}

function NodeSettings({
  node,
  problems,
  onSettings,
  onDelete,
}: {
  node: FlowNode;
  problems: NodeProblem[];
  onSettings: Props["onSettings"];
  /** Absent for a reader who may not edit: no Delete button. */
  onDelete?: () => void;
}) {
  const t = useTranslations("editor.inspector");
  const spec = findNodeSpec(node.type);
  const textOf = useNodeTexts();
  const texts = spec ? textOf(spec) : null;
  const schema = spec ? settingsJsonSchema(spec) : null;
  const fieldErrors = useMemo(() => {
    const map = new Map<string, string[]>();
    for (const p of problems) if (p.field !== undefined && p.field !== "") map.set(p.field, [...(map.get(p.field) ?? []), p.message]);
    return map;
  }, [problems]);
  const general = problems.filter((p) => !p.field);

  return (
    <>
      <div className="border-b border-slate-100 px-4 py-3.5">
        <div className="flex items-start gap-3">
          <span className={`flex size-8 shrink-0 items-center justify-center rounded-md ${spec ? categoryStyle[spec.category].chip : unknownStyle.chip}`}>
            <NodeIcon name={spec?.icon ?? "Box"} className="size-4" />
          </span>
          <div className="min-w-0">
            <h2 className="text-sm font-semibold text-slate-900">{texts?.title ?? t("unknownType")}</h2>
            <p className="mt-0.5 text-xs leading-4 text-slate-500">{texts?.description ?? t("unknownTypeHelp")}</p>
          </div>
        </div>
        <dl className="mt-3 grid grid-cols-[3rem_1fr] gap-y-1 text-xs">
          <dt className="text-slate-400">{t("id")}</dt>
          <dd className="truncate font-mono text-slate-700" data-testid="inspector-node-id">
            {node.id}
          </dd>
          <dt className="text-slate-400">{t("type")}</dt>
          <dd className="truncate font-mono text-slate-700" data-testid="inspector-node-type">
            {node.type}
          </dd>
        </dl>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-4 py-4">
        {general.length > 0 && (
          <ul className="mb-4 space-y-1.5 rounded-md border border-rose-200 bg-rose-50 px-3 py-2" data-testid="inspector-problems">
            {general.map((p) => (
              <li key={p.message} className="flex gap-1.5 text-xs leading-4 text-rose-700">
                <CircleAlert className="mt-px size-3 shrink-0" aria-hidden />
                {p.message}
              </li>
            ))}
          </ul>
        )}
        {spec && schema ? (
          <NodeTextContext value={texts}>
            <SettingsForm schema={schema} value={node.settings} errors={fieldErrors} onChange={(settings, field) => onSettings(node.id, settings, field)} />
          </NodeTextContext>
        ) : (
          spec && <p className="text-sm text-slate-500">{t("noForm")}</p>
        )}
      </div>
      {onDelete && (
        <div className="border-t border-slate-100 px-4 py-3">
          <Button
            variant="secondary"
            size="sm"
            onClick={onDelete}
            className="w-full hover:border-rose-200 hover:bg-rose-50 hover:text-rose-700"
            data-testid="inspector-delete"
          >
            <Trash2 className="size-3.5" aria-hidden /> {t("deleteNode")}
          </Button>
        </div>
      )}
    </>
  );
}
