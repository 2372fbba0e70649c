"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { Badge } from "@/app/_ui/badge";
import { InstanceStatusBadge } from "@/app/_ui/instance-status-badge";
import type { RouterOutputs } from "@/app/_ui/router-types";
import { Age } from "@/app/_ui/time";

type Instance = RouterOutputs["instances"]["list"][number];

const th = "px-3 py-2.5 text-left text-xs font-medium tracking-wide text-slate-500 uppercase";

export function InstancesTable({ instances, liveVersion }: { instances: Instance[]; liveVersion?: number }) {
  const t = useTranslations("instances.table");
  return (
    <table className="w-full" data-testid="instances-table">
      <thead className="border-b border-slate-200 bg-slate-50/80">
        <tr>
          <th className={`${th} pl-5`}>{t("instance")}</th>
          <th className={th}>{t("customer")}</th>
          <th className={th}>{t("status")}</th>
          <th className={th}>{t("currentState")}</th>
          <th className={th}>{t("version")}</th>
          <th className={`${th} text-right`}>{t("steps")}</th>
          <th className={th}>{t("started")}</th>
          <th className={`${th} pr-5`}>{t("updated")}</th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100 text-sm">
        {instances.map((instance) => (
          <tr key={instance.id} className="relative hover:bg-slate-50" data-testid={`instance-row-${instance.id}`}>
            <td className="py-3 pr-3 pl-5">
              {/* Ids start with a timestamp, so the random tail is what tells two apart. */}
              {/* The link's overlay makes the whole row clickable while staying one focusable element. */}
              <Link
                href={`/instances/${instance.id}`}
                className="font-mono text-xs font-medium text-indigo-600 after:absolute after:inset-0 hover:text-indigo-500"
                title={instance.id}
              >
                {instance.id.slice(-8)}
              </Link>
            </td>
            <td className="max-w-48 truncate px-3 py-3 text-slate-700">{instance.customerName ?? <span className="text-slate-400">—</span>}</td>
            <td className="px-3 py-3">
              <InstanceStatusBadge status={instance.status} />
            </td>
            <td className="px-3 py-3">
              <span className="text-slate-700" title={instance.state}>
                {instance.currentNode}
              </span>
            </td>
            <td className="px-3 py-3">
              <Badge tone={instance.version === liveVersion ? "indigo" : "gray"} data-testid="instance-version">
                v{instance.version}
              </Badge>
            </td>
            <td className="px-3 py-3 text-right text-slate-700 tabular-nums">{instance.steps}</td>
            <td className="px-3 py-3 whitespace-nowrap text-slate-600">
              <Age date={instance.createdAt} ago />
            </td>
            <td className="py-3 pr-5 pl-3 whitespace-nowrap text-slate-600">
              <Age date={instance.updatedAt} ago />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
