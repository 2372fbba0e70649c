"use client";
import { usePathname, useRouter, useSearchParams } from "next/navigation";

export type QueueStatus = "open" | "completed";

/** The selected task and queue tab, kept in the URL so a reload or a shared link shows the same thing. */
export function useWorkspaceUrl() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const status: QueueStatus = params.get("status") === "completed" ? "completed" : "open";
  const taskId = params.get("task");

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params.toString());
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    const query = next.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };

  return {
    status,
    taskId,
    selectTask: (id: string) => update({ task: id }),
    showStatus: (value: QueueStatus) => update({ status: value === "open" ? null : value }),
  };
}
