"use client";
import { Copy, History, Pencil, Trash2 } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/app/_ui/button";
import type { RouterOutputs } from "@/app/_ui/router-types";
import { Age, useDateFormat } from "@/app/_ui/time";
import { DeleteFlowDialog } from "./delete-flow-dialog";
import { FlowNameDialog } from "./flow-name-dialog";
import { FlowStateBadge } from "./flow-state-badge";
import { useMayCall } from "@/app/_lib/use-may-call";
import { useFlowActions } from "./use-flow-actions";

type Flow = RouterOutputs["flows"]["list"][number];

export function FlowRow({ flow, onError }: { flow: Flow; onError: (error: unknown) => void }) {
  const t = useTranslations("flows.row");
  const { dateTime } = useDateFormat();
  const { rename, duplicate, remove } = useFlowActions();
  const mayBuild = useMayCall("flows.delete");
  const [dialog, setDialog] = useState<"rename" | "delete" | null>(null);
  const close = () => {
    setDialog(null);
    rename.reset();
    remove.reset();
  };

  return (
    <tr className="group hover:bg-slate-50/70" data-testid={`flow-row-${flow.id}`}>
      <td className="max-w-0 py-3 pr-3 pl-5">
        <Link href={`/flows/${flow.id}`} className="block truncate font-medium text-slate-900 hover:text-indigo-600" data-testid={`flow-open-${flow.id}`}>
          {flow.name}
        </Link>
      </td>
      <td className="px-3 py-3">
        <FlowStateBadge flow={flow} />
      </td>
      <td className="px-3 py-3 text-sm text-slate-600 tabular-nums">
        {flow.latestVersion ? (
          <span title={flow.publishedAt ? t("publishedAt", { date: dateTime(flow.publishedAt) }) : undefined}>
            v{flow.latestVersion}
            {flow.publishedAt && (
              <span className="text-slate-400">
                {" "}
                · <Age date={flow.publishedAt} ago />
              </span>
            )}
          </span>
        ) : (
          <span className="text-slate-400">{t("notPublished")}</span>
        )}
      </td>
      <td className="px-3 py-3 text-sm text-slate-600">
        <Age date={flow.updatedAt} ago />
      </td>
      <td className="py-3 pr-5 pl-3">
        <div className="flex items-center justify-end gap-1">
          <Link
            href={`/flows/${flow.id}/instances`}
            className="inline-flex h-8 items-center gap-1.5 rounded-md px-2.5 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900"
            data-testid={`flow-instances-${flow.id}`}
          >
            <History className="size-3.5" aria-hidden />
            {t("instances")}
          </Link>
          {mayBuild && (
            <>
              <Button
                variant="ghost"
                size="sm"
                onClick={() => setDialog("rename")}
                title={t("rename")}
                aria-label={t("renameFlow", { name: flow.name })}
                data-testid={`flow-rename-${flow.id}`}
              >
                <Pencil className="size-3.5" />
              </Button>
              <Button
                variant="ghost"
                size="sm"
                disabled={duplicate.isPending}
                onClick={() => duplicate.mutate({ flowId: flow.id }, { onError })}
                title={t("duplicate")}
                aria-label={t("duplicateFlow", { name: flow.name })}
                data-testid={`flow-duplicate-${flow.id}`}
              >
                <Copy className="size-3.5" />
              </Button>
              <Button
                variant="ghost"
                size="sm"
                onClick={() => setDialog("delete")}
                className="hover:bg-rose-50 hover:text-rose-600"
                title={t("delete")}
                aria-label={t("deleteFlow", { name: flow.name })}
                data-testid={`flow-delete-${flow.id}`}
              >
                <Trash2 className="size-3.5" />
              </Button>
            </>
          )}
        </div>
        {dialog === "rename" && (
          <FlowNameDialog
            title={t("renameTitle")}
            submitLabel={t("rename")}
            initialName={flow.name}
            pending={rename.isPending}
            error={rename.error}
            onClose={close}
            onSubmit={(name) => rename.mutate({ flowId: flow.id, name }, { onSuccess: close })}
          />
        )}
        {dialog === "delete" && (
          <DeleteFlowDialog
            name={flow.name}
            pending={remove.isPending}
            error={remove.error}
            onClose={close}
            onConfirm={() => remove.mutate({ flowId: flow.id }, { onSuccess: close })}
          />
        )}
      </td>
    </tr>
  );
}
