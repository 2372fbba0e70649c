"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/app/_lib/trpc";

/** The flow-list mutations; each refreshes the list when it succeeds. */
export function useFlowActions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.flows.list.queryKey() });
  return {
    create: useMutation(trpc.flows.create.mutationOptions({ onSuccess: refresh })),
    rename: useMutation(trpc.flows.rename.mutationOptions({ onSuccess: refresh })),
    duplicate: useMutation(trpc.flows.duplicate.mutationOptions({ onSuccess: refresh })),
    remove: useMutation(trpc.flows.delete.mutationOptions({ onSuccess: refresh })),
    importFile: useMutation(trpc.flows.import.mutationOptions({ onSuccess: refresh })),
    deactivate: useMutation(trpc.flows.deactivate.mutationOptions({ onSuccess: refresh })),
    activate: useMutation(trpc.flows.activate.mutationOptions({ onSuccess: refresh })),
  };
}
