"use client";
import { useTranslations } from "next-intl";
import type { RouterOutputs } from "@/app/_ui/router-types";
import { Badge } from "@/app/_ui/badge";
import { useDateFormat } from "@/app/_ui/time";
import { useChannelName } from "@/app/_ui/use-node-text";

type Customer = RouterOutputs["customers"]["list"]["customers"][number];

/** One page of customers: name, where they write from, since when; erased ones say so. */
export function CustomerList({ customers, selected, onSelect }: { customers: Customer[]; selected: string | null; onSelect: (id: string) => void }) {
  const t = useTranslations("customers");
  const common = useTranslations("common");
  const channelName = useChannelName();
  const { date } = useDateFormat();
  return (
    <ul className="divide-y divide-slate-100" data-testid="customer-list">
      {customers.map((c) => (
        <li key={c.id}>
          <button
            type="button"
            onClick={() => onSelect(c.id)}
            aria-current={c.id === selected ? "true" : undefined}
            className={`flex w-full items-center justify-between gap-4 px-4 py-3 text-left text-sm hover:bg-slate-50 ${c.id === selected ? "bg-indigo-50" : ""}`}
            data-testid="customer-row"
          >
            <div className="min-w-0">
              <div className="truncate font-medium text-slate-900">{c.knownAs ?? common("unknownCustomer")}</div>
              <div className="truncate text-xs text-slate-500">
                {c.identities.map((i) => `${channelName(i.channel)}: ${i.address}`).join(" · ") || t("noAddress")}
              </div>
            </div>
            <div className="flex shrink-0 items-center gap-2 text-xs text-slate-500">
              {c.erasedAt && <Badge tone="red">{t("erased")}</Badge>}
              {t("since", { date: date(c.createdAt) })}
            </div>
          </button>
        </li>
      ))}
    </ul>
  );
}
