"use client";
import { useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "@/app/_ui/badge";
import type { RouterOutputs } from "@/app/_ui/router-types";
import { useDateFormat } from "@/app/_ui/time";
import { ROLES, type Role } from "@/engine/contracts/access";

type AuditRow = RouterOutputs["audit"]["list"]["rows"][number];

const th = "px-3 py-2.5 text-left text-xs font-medium tracking-wide text-slate-500 uppercase";
const tones: Record<string, BadgeTone> = { ok: "green", denied: "amber", failed: "red" };
const isRole = (role: string | null): role is Role => (ROLES as readonly (string | null)[]).includes(role);

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  const t = useTranslations("audit");
  const roles = useTranslations("roles");
  const { dateTime } = useDateFormat();
  return (
    <table className="w-full table-fixed" data-testid="audit-table">
      <thead className="border-b border-slate-200 bg-slate-50/80">
        <tr>
          <th className={`${th} w-16 pl-5`}>#</th>
          <th className={`${th} w-44`}>{t("table.time")}</th>
          <th className={`${th} w-52`}>{t("table.actor")}</th>
          <th className={`${th} w-44`}>{t("table.action")}</th>
          <th className={`${th} w-40`}>{t("table.target")}</th>
          <th className={`${th} w-28`}>{t("table.outcome")}</th>
          <th className={th}>{t("table.detail")}</th>
          <th className={`${th} w-36 pr-5`}>{t("table.request")}</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 text-sm">
        {rows.map((row) => (
          <tr key={row.seq} className="align-top hover:bg-slate-50" data-testid={`audit-row-${row.seq}`}>
            <td className="py-3 pr-3 pl-5 text-slate-500 tabular-nums">{row.seq}</td>
            <td className="px-3 py-3 whitespace-nowrap text-slate-600">
              <time dateTime={row.at.toISOString()}>{dateTime(row.at)}</time>
            </td>
            <td className="px-3 py-3">
              {/* Someone not signed in has no name: their kind says it all. */}
              <div className="truncate text-slate-900" title={row.actorId ?? undefined}>
                {row.actorKind === "anonymous" ? t("actorKind", { kind: row.actorKind }) : row.actorName}
              </div>
              {row.actorKind !== "anonymous" && (
                <div className="truncate text-xs text-slate-500">
                  {[t("actorKind", { kind: row.actorKind }), isRole(row.role) ? roles(row.role) : row.role].filter(Boolean).join(" · ")}
                </div>
              )}
            </td>
            <td className="truncate px-3 py-3 font-mono text-xs text-slate-800" title={row.action}>
              {row.action}
            </td>
            <td className="truncate px-3 py-3 text-slate-700" title={row.targetId ?? undefined}>
              {row.targetType ? `${t("targetType", { type: row.targetType })} ${row.targetId ?? ""}` : <span className="text-slate-400">—</span>}
            </td>
            <td className="px-3 py-3">
              <Badge tone={tones[row.outcome] ?? "gray"}>{t("outcome", { outcome: row.outcome })}</Badge>
            </td>
            <td className="truncate px-3 py-3 font-mono text-xs text-slate-600" title={row.detail}>
              {row.detail === "null" ? <span className="text-slate-400">—</span> : row.detail}
            </td>
            <td className="py-3 pr-5 pl-3 text-xs text-slate-500">
              <div className="truncate font-mono" title={row.requestId ?? undefined}>
                {row.requestId ?? "—"}
              </div>
              <div className="truncate">{row.ip}</div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
