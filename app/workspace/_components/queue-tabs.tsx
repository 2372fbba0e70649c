"use client";
import { useTranslations } from "next-intl";
import type { QueueStatus } from "./use-workspace-url";

const tabs: { status: QueueStatus }[] = [{ status: "open" }, { status: "completed" }];

export function QueueTabs({ status, openCount, onStatus }: { status: QueueStatus; openCount?: number; onStatus: (status: QueueStatus) => void }) {
  const t = useTranslations("workspace.queue");
  return (
    <div className="flex shrink-0 gap-4 border-b border-slate-200 px-4" role="tablist">
      {tabs.map((tab) => {
        const active = tab.status === status;
        return (
          <button
            key={tab.status}
            type="button"
            role="tab"
            aria-selected={active}
            onClick={() => onStatus(tab.status)}
            className={`-mb-px flex items-center gap-2 border-b-2 py-3 text-sm font-medium ${active ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-500 hover:text-slate-800"}`}
            data-testid={`tasks-tab-${tab.status}`}
          >
            {t(tab.status)}
            {tab.status === "open" && openCount !== undefined && (
              <span
                className={`rounded-full px-1.5 text-xs tabular-nums ${active ? "bg-indigo-100 text-indigo-700" : "bg-slate-100 text-slate-600"}`}
                data-testid="open-task-count"
              >
                {openCount}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
