"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_lib/trpc";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { inputClass } from "@/app/_ui/text-field";

/** Who the workspace is used as: the queue shows what their skills cover (supervisors see all). */
export function OperatorPicker({ operatorId, onChange }: { operatorId: string; onChange: (id: string) => void }) {
  const t = useTranslations("workspace.picker");
  const loading = useTranslations("workspace");
  const trpc = useTRPC();
  const staff = useQuery(trpc.staff.list.queryOptions());
  const me = staff.data?.find((m) => m.id === operatorId);
  return (
    <div className="shrink-0 space-y-1 border-b border-slate-200 px-4 py-3">
      <label htmlFor="work-as" className="text-xs font-medium text-slate-600">
        {t("label")}
      </label>
      <select id="work-as" value={operatorId} onChange={(e) => onChange(e.target.value)} className={inputClass} data-testid="work-as">
        {/* A link with someone who is not (or not yet) in the list still says who it asks for. */}
        {!me && <option value={operatorId}>{staff.isPending ? loading("loadingStaff") : t("unknown", { id: operatorId })}</option>}
        {(staff.data ?? []).map((m) => (
          <option key={m.id} value={m.id}>
            {m.role === "supervisor" ? t("supervisor", { name: m.name }) : m.name}
          </option>
        ))}
      </select>
      <ErrorNotice error={staff.error} />
      {me && (
        <p className="text-xs text-slate-500" data-testid="work-as-skills">
          {me.role === "supervisor" ? t("seesAll") : me.skills.length ? t("skills", { skills: me.skills.join(", ") }) : t("noSkills")}
        </p>
      )}
    </div>
  );
}
