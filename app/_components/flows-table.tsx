import type { RouterOutputs } from "@/app/_ui/router-types";
import { FlowRow } from "./flow-row";

type Flow = RouterOutputs["flows"]["list"][number];

const th = "px-3 py-2.5 text-left text-xs font-medium tracking-wide text-slate-500 uppercase";

export function FlowsTable({ flows, onError }: { flows: Flow[]; onError: (error: unknown) => void }) {
  return (
    <table className="w-full table-fixed" data-testid="flows-table">
      <thead className="border-b border-slate-200 bg-slate-50/80">
        <tr>
          <th className={`${th} pl-5`}>Name</th>
          <th className={`${th} w-48`}>Status</th>
          <th className={`${th} w-44`}>Live version</th>
          <th className={`${th} w-32`}>Edited</th>
          <th className={`${th} w-64 pr-5`}>
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {flows.map((flow) => (
          <FlowRow key={flow.id} flow={flow} onError={onError} />
        ))}
      </tbody>
    </table>
  );
}
