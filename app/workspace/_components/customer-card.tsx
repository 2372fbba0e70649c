import { Card } from "@/app/_ui/card";
import { formatDate } from "@/app/_ui/time";
import type { Task } from "./task-types";

/** Who the operator is talking to, and every channel address the customer is known by. */
export function CustomerCard({ task }: { task: Task }) {
  const customer = task.customer;
  return (
    <Card title="Customer" testId="customer-card">
      {!customer ? (
        <p className="text-sm text-slate-500">This task has no customer.</p>
      ) : (
        <div className="space-y-3 text-sm">
          <div className="flex items-center gap-3">
            <div className="flex size-9 shrink-0 items-center justify-center rounded-full bg-indigo-100 font-semibold text-indigo-700" aria-hidden>
              {(customer.name ?? "?").charAt(0).toUpperCase()}
            </div>
            <div className="min-w-0">
              <div className="truncate font-medium text-slate-900" data-testid="customer-name">
                {customer.name ?? "Unknown customer"}
              </div>
              <div className="text-xs text-slate-500">Customer since {formatDate(customer.createdAt)}</div>
            </div>
          </div>
          <dl className="space-y-2 border-t border-slate-100 pt-3">
            {customer.identities.map((identity) => (
              <div key={`${identity.channel}:${identity.address}`}>
                <dt className="text-xs font-medium text-slate-500">
                  {identity.channel}
                  {identity.channel === task.conversation?.channel && <span className="font-normal text-slate-400"> · this conversation</span>}
                </dt>
                <dd className="font-mono text-xs break-all text-slate-700" data-testid="customer-identity">
                  {identity.address}
                </dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </Card>
  );
}
