"use client";
import { useTranslations } from "next-intl";
import { MergeSuggestions } from "@/app/_components/merge-suggestions";
import { Badge } from "@/app/_ui/badge";
import { Card } from "@/app/_ui/card";
import { useDateFormat } from "@/app/_ui/time";
import { useChannelName } from "@/app/_ui/use-node-text";
import { useStatusText } from "@/app/_ui/use-stored-text";
import { StartFlow } from "./start-flow";
import type { Task } from "./task-types";

type Customer = NonNullable<Task["customer"]>;

/** Who the operator is talking to: channel addresses, CRM fields and open cases. */
export function CustomerCard({ task }: { task: Task }) {
  const t = useTranslations("workspace.customer");
  const common = useTranslations("common");
  const channelName = useChannelName();
  const { date } = useDateFormat();
  const customer = task.customer;
  return (
    <Card title={t("title")} testId="customer-card">
      {!customer ? (
        <p className="text-sm text-slate-500">{t("none")}</p>
      ) : (
        <div className="space-y-3 text-sm">
          <div className="flex items-center gap-3">
            <div className="flex size-9 shrink-0 items-center justify-center rounded-full bg-indigo-100 font-semibold text-indigo-700" aria-hidden>
              {(customer.knownAs ?? "?").charAt(0).toUpperCase()}
            </div>
            <div className="min-w-0">
              <div className="truncate font-medium text-slate-900" data-testid="customer-name">
                {customer.knownAs ?? common("unknownCustomer")}
              </div>
              <div className="text-xs text-slate-500">{t("since", { date: date(customer.createdAt) })}</div>
            </div>
          </div>
          <dl className="space-y-2 border-t border-slate-100 pt-3">
            {customer.identities.map((identity) => (
              <div key={`${identity.channel}:${identity.address}`}>
                <dt className="text-xs font-medium text-slate-500">
                  {channelName(identity.channel)}
                  {identity.channel === task.conversation?.channel && <span className="font-normal text-slate-400">{t("thisConversation")}</span>}
                </dt>
                <dd className="font-mono text-xs break-all text-slate-700" data-testid="customer-identity">
                  {identity.address}
                </dd>
              </div>
            ))}
          </dl>
          <CustomerFields fields={customer.fields} identities={customer.identities} />
          <CustomerCases cases={customer.cases} />
          <MergeSuggestions customerId={customer.id} />
          <StartFlow customerId={customer.id} />
        </div>
      )}
    </Card>
  );
}

/** An address as typed or as stored, compared alike: a phone number by its digits ("+7 912 345-67-89"), anything else lower-cased. */
const comparable = (value: string) => (/^\+?[\d\s().-]+$/.test(value.trim()) ? value.replace(/[^\d+]/g, "") : value.trim().toLowerCase());

/**
 * Custom fields the CRM or a flow stored (email, tier, preferred messenger …). A field that only repeats
 * an address listed above (the e-mail a visitor left in the chat widget is both) is not shown twice.
 */
function CustomerFields({ fields, identities }: { fields: Customer["fields"]; identities: Customer["identities"] }) {
  const shown = new Set(identities.map((i) => comparable(i.address)));
  const entries = Object.entries(fields).filter(([, value]) => typeof value !== "string" || !shown.has(comparable(value)));
  if (entries.length === 0) return null;
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 border-t border-slate-100 pt-3 text-xs" data-testid="customer-fields">
      {entries.map(([name, value]) => (
        <div key={name} className="contents">
          <dt className="font-medium text-slate-500">{name}</dt>
          <dd className="truncate text-slate-800" title={String(value)}>
            {String(value)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** Open and pending cases, most recently updated first; details show on hover. */
function CustomerCases({ cases }: { cases: Customer["cases"] }) {
  const t = useTranslations("workspace.customer");
  const common = useTranslations("common");
  const statusText = useStatusText();
  if (cases.length === 0) return null;
  return (
    <div className="space-y-2 border-t border-slate-100 pt-3">
      <h4 className="text-xs font-medium text-slate-500">{t("openCases")}</h4>
      <ul className="space-y-2">
        {cases.map((c) => (
          <li
            key={c.id}
            className="rounded-md border border-slate-200 px-2.5 py-2"
            title={
              Object.entries(c.details)
                .map(([key, value]) => `${key}: ${String(value)}`)
                .join("\n") || undefined
            }
            data-testid="customer-case"
          >
            <div className="truncate text-xs font-medium text-slate-800">{c.subject}</div>
            <div className="mt-1 flex flex-wrap gap-1">
              <Badge tone="indigo">{c.type}</Badge>
              <Badge tone={c.status === "open" ? "amber" : "gray"}>{statusText(c.status)}</Badge>
              {c.priority !== "normal" && <Badge tone={c.priority === "low" ? "gray" : "red"}>{common("priority", { priority: c.priority })}</Badge>}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
