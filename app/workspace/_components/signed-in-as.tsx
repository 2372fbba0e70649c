"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/app/_lib/trpc";

/** Whose desk this is: the signed-in person and the skills their queue is filtered by (supervisors see all). */
export function SignedInAs() {
  const t = useTranslations("workspace.picker");
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions()).data;
  if (!me?.user) return null;
  const { user, skills } = me;
  return (
    <div className="shrink-0 space-y-1 border-b border-slate-200 px-4 py-3" data-testid="signed-in-as">
      <p className="text-sm font-medium text-slate-900">{user.role === "supervisor" ? t("supervisor", { name: user.name }) : user.name}</p>
      <p className="text-xs text-slate-500" data-testid="work-as-skills">
        {user.role === "supervisor" || user.role === "admin" ? t("seesAll") : skills.length ? t("skills", { skills: skills.join(", ") }) : t("noSkills")}
      </p>
    </div>
  );
}
