"use client";
import { useTranslations } from "next-intl";
import type { RouterOutputs } from "@/app/_ui/router-types";
import { FlowRow } from "./flow-row";

type Flow = RouterOutputs["flows"]["list"][number];

const th = "px-3 py-2.5 text-left text-xs font-medium tracking-wide text-slate-500 uppercase";

export function FlowsTable({ flows, onError }: { flows: Flow[]; onError: (error: unknown) => void }) {
  const t = useTranslations("flows.table");
  return (
    // The name takes what the fixed columns leave, never under 11rem: a narrow window scrolls the table instead.
    <div className="overflow-x-auto">
      <table className="w-full min-w-[69rem] table-fixed" data-testid="flows-table">
        <thead className="border-b border-slate-200 bg-slate-50/80">
          <tr>
            <th className={`${th} pl-5`}>{t("name")}</th>
            <th className={`${th} w-52`}>{t("listensTo")}</th>
            <th className={`${th} w-44`}>{t("status")}</th>
            <th className={`${th} w-36`}>{t("liveVersion")}</th>
            <th className={`${th} w-28`}>{t("edited")}</th>
            <th className={`${th} w-72 pr-5`}>
              <span className="sr-only">{t("actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {flows.map((flow) => (
            <FlowRow key={flow.id} flow={flow} onError={onError} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
