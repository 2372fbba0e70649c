"use client";
import { Copy, History, Pencil, Power, PowerOff, Trash2 } from "lucide-react";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/app/_ui/button";
import type { RouterOutputs } from "@/app/_ui/router-types";
import { Age, useDateFormat } from "@/app/_ui/time";
import { DeactivateFlowDialog } from "./deactivate-flow-dialog";
import { DeleteFlowDialog } from "./delete-flow-dialog";
import { FlowOrderDialog, isTriggerOverlap } from "./flow-order-dialog";
import { FlowNameDialog } from "./flow-name-dialog";
import { FlowActiveBadge, FlowStateBadge } from "./flow-state-badge";
import { useMayCall } from "@/app/_lib/use-may-call";
import { useFlowActions } from "./use-flow-actions";

type Flow = RouterOutputs["flows"]["list"][number];

export function FlowRow({ flow, onError }: { flow: Flow; onError: (error: unknown) => void }) {
  const t = useTranslations("flows.row");
  const { dateTime } = useDateFormat();
  const locale = useLocale() === "ru" ? "ru" : "en";
  const { rename, duplicate, remove, deactivate, activate } = useFlowActions();
  const mayBuild = useMayCall("flows.delete");
  const [dialog, setDialog] = useState<"rename" | "delete" | "deactivate" | "order" | null>(null);
  const [refusal, setRefusal] = useState<unknown>(null);
  const close = () => {
    setDialog(null);
    rename.reset();
    remove.reset();
    deactivate.reset();
    activate.reset();
  };
  // Activating is refused, as publishing is, while the flow's triggers overlap another active flow's unordered.
  const reactivate = () =>
    activate.mutate(
      { flowId: flow.id },
      {
        onError: (error) => {
          if (!isTriggerOverlap(error)) return onError(error);
          setRefusal(error);
          setDialog("order");
        },
      },
    );

  return (
    <tr className="group hover:bg-slate-50/70" data-testid={`flow-row-${flow.id}`}>
      <td className="max-w-0 py-3 pr-3 pl-5">
        <Link
          href={`/flows/${flow.id}`}
          className="block truncate font-medium text-slate-900 hover:text-indigo-600"
          title={flow.name}
          data-testid={`flow-open-${flow.id}`}
        >
          {flow.name}
        </Link>
      </td>
      <td className="px-3 py-3 text-sm text-slate-600" data-testid={`flow-listens-${flow.id}`}>
        {flow.listensTo.length ? (
          flow.listensTo.map((what) => (
            <span key={what.en} className="block truncate" title={what[locale]}>
              {what[locale]}
            </span>
          ))
        ) : (
          <span className="text-slate-400">{t("nothingPublished")}</span>
        )}
      </td>
      <td className="px-3 py-3">
        <div className="flex flex-wrap gap-1">
          <FlowStateBadge flow={flow} />
          {flow.latestVersion && <FlowActiveBadge flow={flow} />}
        </div>
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
              {flow.latestVersion &&
                (flow.active ? (
                  <Button
                    variant="ghost"
                    size="sm"
                    onClick={() => setDialog("deactivate")}
                    title={t("deactivate")}
                    aria-label={t("deactivateFlow", { name: flow.name })}
                    data-testid={`flow-deactivate-${flow.id}`}
                  >
                    <PowerOff className="size-3.5" />
                  </Button>
                ) : (
                  <Button
                    variant="ghost"
                    size="sm"
                    disabled={activate.isPending}
                    onClick={reactivate}
                    title={t("activate")}
                    aria-label={t("activateFlow", { name: flow.name })}
                    data-testid={`flow-activate-${flow.id}`}
                  >
                    <Power className="size-3.5" />
                  </Button>
                ))}
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
        {dialog === "deactivate" && (
          <DeactivateFlowDialog
            flowId={flow.id}
            name={flow.name}
            pending={deactivate.isPending}
            error={deactivate.error}
            onClose={close}
            onConfirm={(cancelWaiting) => deactivate.mutate({ flowId: flow.id, cancelWaiting }, { onSuccess: close })}
          />
        )}
        {dialog === "order" && (
          <FlowOrderDialog
            flowId={flow.id}
            flowName={flow.name}
            refusal={refusal}
            action="activate"
            pending={activate.isPending}
            error={activate.error && !isTriggerOverlap(activate.error) ? activate.error : null}
            onClose={close}
            onConfirm={(order) => activate.mutate({ flowId: flow.id, order }, { onSuccess: close })}
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
