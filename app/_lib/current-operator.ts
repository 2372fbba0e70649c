"use client";
import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useTRPC } from "@/app/_lib/trpc";

/**
 * Who is using the app, in one place until sign-in replaces it: the staff member the URL names
 * (`?as=`), else the first operator on the staff list. Null while the staff list loads.
 */
export function useCurrentOperator(): { id: string | null; isDefault: boolean; defaultId: string | null } {
  const requested = useSearchParams().get("as");
  const trpc = useTRPC();
  const staff = useQuery(trpc.staff.list.queryOptions());
  const defaultId = staff.data?.find((m) => m.role === "operator")?.id ?? staff.data?.[0]?.id ?? null;
  return { id: requested ?? defaultId, isDefault: !requested, defaultId };
}
