"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Activity, ChevronLeft, Download, Eye, FlaskConical, Maximize, MessagesSquare, Network, Redo2, Undo2 } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import type { FlowDocument } from "@/engine/contracts/flow";
import { FlowStateBadge } from "@/app/_components/flow-state-badge";
import { useTRPC } from "@/app/_lib/trpc";
import { useMayCall } from "@/app/_lib/use-may-call";
import { Badge } from "@/app/_ui/badge";
import { readableError } from "@/app/_ui/error-notice";
import { Button } from "@/app/_ui/button";
import type { RouterOutputs } from "@/app/_ui/router-types";
import { downloadJson, fileName } from "@/app/_lib/download";
import { FlowName } from "./flow-name";
import { PublishButton } from "./publish-button";
import { SaveStatus } from "./save-status";
import type { SaveState } from "./use-autosave";
import { VersionsMenu } from "./versions-menu";

type Props = {
  flow: RouterOutputs["flows"]["get"];
  doc: FlowDocument;
  save: { state: SaveState; flush: () => Promise<boolean> };
  history: { canUndo: boolean; canRedo: boolean; undo: () => void; redo: () => void };
  onFit: () => void;
  /** Auto-layout: one undoable edit. */
  onLayout: () => void;
  chatOpen: boolean;
  onToggleChat: () => void;
  simulating: boolean;
  onToggleSimulate: () => void;
  onPublishRefused: () => void;
  /** A version's graph put back into the draft (one undoable edit). */
  onRestored: (document: FlowDocument) => void;
  /** The reader's role may edit flows; else the bar offers only looking (fit, the test chat, and what their role may open). */
  mayEdit: boolean;
};

/**
 * A secondary button's words: Russian ones are longer, so below 1536 px the bar shows their icons only
 * (each button keeps a title and a label) and the flow's name and Publish keep their room.
 */
const Wordy = ({ children }: { children: ReactNode }) => <span className="max-2xl:[&:lang(ru)]:hidden">{children}</span>;

/** A secondary button with an icon and its words (icons only where Wordy hides them); `pressed` makes it a toggle. */
function WordyButton({
  label,
  title,
  testId,
  pressed,
  onClick,
  children,
}: {
  label: string;
  title: string;
  testId: string;
  pressed?: boolean;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <Button variant={pressed ? "secondary" : "ghost"} size="sm" onClick={onClick} aria-pressed={pressed} title={title} aria-label={label} data-testid={testId}>
      {children}
      <Wordy>{label}</Wordy>
    </Button>
  );
}

const Divider = () => <span className="mx-1 h-5 w-px bg-slate-200" aria-hidden />;

function IconButton({
  label,
  shortcut,
  testId,
  children,
  ...rest
}: {
  label: string;
  shortcut?: string;
  testId: string;
  children: ReactNode;
  disabled?: boolean;
  onClick: () => void;
}) {
  const t = useTranslations("editor.toolbar");
  return (
    <Button
      variant="ghost"
      size="sm"
      className="w-8 px-0"
      title={shortcut ? t("withShortcut", { label, shortcut }) : label}
      aria-label={label}
      data-testid={testId}
      {...rest}
    >
      {children}
    </Button>
  );
}

/** The editor's top bar: identity and state on the left, editing and publishing on the right. */
export function Toolbar({
  flow,
  doc,
  save,
  history,
  onFit,
  onLayout,
  chatOpen,
  onToggleChat,
  simulating,
  onToggleSimulate,
  onPublishRefused,
  onRestored,
  mayEdit,
}: Props) {
  const t = useTranslations("editor.toolbar");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const listed = useQuery(trpc.flows.list.queryOptions()).data?.find((f) => f.id === flow.id);
  const [exportError, setExportError] = useState<string | null>(null);
  const mayReadVersions = useMayCall("versions.get");
  const mayWatch = useMayCall("instances.list");

  const exportFlow = async () => {
    setExportError(null);
    try {
      if (!(await save.flush())) throw new Error(t("saveFirst"));
      const file = await queryClient.fetchQuery({ ...trpc.flows.export.queryOptions({ flowId: flow.id }), staleTime: 0 });
      downloadJson(`${fileName(file.name)}.omniflow.json`, file);
    } catch (error) {
      setExportError(t("exportFailed", { error: readableError(error, locale) }));
    }
  };

  return (
    <div className="flex h-12 shrink-0 items-center gap-2 border-b border-slate-200 bg-white px-3" data-testid="editor-toolbar">
      <Link
        href="/"
        className="flex size-8 shrink-0 items-center justify-center rounded-md text-slate-500 hover:bg-slate-100 hover:text-slate-900"
        aria-label={t("allFlows")}
        title={t("allFlows")}
      >
        <ChevronLeft className="size-4" />
      </Link>
      <FlowName flowId={flow.id} name={flow.name} editable={mayEdit} />
      {listed && <FlowStateBadge flow={listed} />}
      <Divider />
      {mayEdit ? (
        <SaveStatus state={save.state} onRetry={() => void save.flush()} />
      ) : (
        <span title={t("viewOnlyTitle")}>
          <Badge data-testid="view-only">
            <Eye className="size-3" aria-hidden />
            {t("viewOnly")}
          </Badge>
        </span>
      )}
      {exportError && (
        <span className="truncate text-xs text-rose-700" role="alert">
          {exportError}
        </span>
      )}

      <div className="ml-auto flex items-center gap-1">
        {mayEdit && (
          <>
            <IconButton label={t("undo")} shortcut="Ctrl+Z" testId="undo-button" disabled={!history.canUndo} onClick={history.undo}>
              <Undo2 className="size-4" />
            </IconButton>
            <IconButton label={t("redo")} shortcut="Ctrl+Shift+Z" testId="redo-button" disabled={!history.canRedo} onClick={history.redo}>
              <Redo2 className="size-4" />
            </IconButton>
          </>
        )}
        <IconButton label={t("fitView")} testId="fit-view-button" onClick={onFit}>
          <Maximize className="size-4" />
        </IconButton>
        {mayEdit && (
          <IconButton label={t("autoLayout")} testId="auto-layout-button" disabled={simulating || doc.nodes.length < 2} onClick={onLayout}>
            <Network className="size-4 -rotate-90" />
          </IconButton>
        )}
        <Divider />
        {mayReadVersions && <VersionsMenu flowId={flow.id} versions={flow.versions} flowName={flow.name} draft={doc} onRestored={onRestored} />}
        {mayWatch && (
          <Link
            href={`/flows/${flow.id}/instances`}
            className="inline-flex h-8 items-center gap-1.5 rounded-md px-2.5 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900"
            title={t("instances")}
            aria-label={t("instances")}
            data-testid="instances-link"
          >
            <Activity className="size-3.5" aria-hidden />
            <Wordy>{t("instances")}</Wordy>
          </Link>
        )}
        {mayEdit && (
          <WordyButton label={t("export")} title={t("exportTitle")} testId="export-button" onClick={() => void exportFlow()}>
            <Download className="size-3.5" aria-hidden />
          </WordyButton>
        )}
        <WordyButton label={t("testChat")} title={t("testChat")} testId="chat-toggle" pressed={chatOpen} onClick={onToggleChat}>
          <MessagesSquare className="size-3.5" aria-hidden />
        </WordyButton>
        {mayEdit && (
          <>
            <WordyButton label={t("simulate")} title={t("simulateTitle")} testId="simulate-toggle" pressed={simulating} onClick={onToggleSimulate}>
              <FlaskConical className="size-3.5" aria-hidden />
            </WordyButton>
            <Divider />
            <PublishButton flowId={flow.id} flowName={flow.name} doc={doc} flush={save.flush} onRefused={onPublishRefused} />
          </>
        )}
      </div>
    </div>
  );
}
