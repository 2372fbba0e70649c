"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_lib/trpc";

/** A setting that names another flow: picked by name; a flow that is gone still shows, as such. */
export function FlowPicker({
  id,
  className,
  value,
  onChange,
  testId,
  invalid,
}: {
  id: string;
  className: string;
  value: unknown;
  onChange: (flowId: string | undefined) => void;
  testId: string;
  invalid: boolean;
}) {
  const trpc = useTRPC();
  const flows = useQuery(trpc.flows.list.queryOptions());
  const current = typeof value === "string" ? value : "";
  const known = flows.data?.some((f) => f.id === current);
  return (
    <select id={id} className={className} value={current} onChange={(e) => onChange(e.target.value || undefined)} data-testid={testId} aria-invalid={invalid}>
      <option value="">{flows.isPending ? "Loading flows…" : "Choose a flow…"}</option>
      {current && flows.data && !known && <option value={current}>Unknown or deleted flow ({current})</option>}
      {(flows.data ?? []).map((f) => (
        <option key={f.id} value={f.id}>
          {f.name} — {f.latestVersion ? `published v${f.latestVersion}` : "not published"}
        </option>
      ))}
    </select>
  );
}
