"use client";
import { useQuery } from "@tanstack/react-query";
import { allows, PROCEDURE_POLICY } from "@/engine/contracts/access";
import { useTRPC } from "./trpc";

/**
 * Whether the signed-in person may call a procedure (the policy table the server enforces), so a
 * page offers only what will work. False while the person is loading.
 */
export function useMayCall(path: keyof typeof PROCEDURE_POLICY): boolean {
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions());
  return allows(PROCEDURE_POLICY[path], me.data?.user?.role ?? null);
}
