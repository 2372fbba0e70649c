"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/app/_lib/trpc";

/** The credential mutations; each refreshes the list (and the editor's pickers) when it succeeds. */
export function useCredentialActions() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.credentials.list.queryKey() });
  return {
    create: useMutation(trpc.credentials.create.mutationOptions({ onSuccess: refresh })),
    replace: useMutation(trpc.credentials.replace.mutationOptions({ onSuccess: refresh })),
    remove: useMutation(trpc.credentials.remove.mutationOptions({ onSuccess: refresh })),
  };
}
