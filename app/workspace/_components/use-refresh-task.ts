"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/app/_lib/trpc";

/** After a task mutation: refetch the task and the queues now rather than at the next poll. */
export function useRefreshTask(taskId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.tasks.get.queryKey({ taskId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.tasks.list.queryKey() }),
    ]);
}
