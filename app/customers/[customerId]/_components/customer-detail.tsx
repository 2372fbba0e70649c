"use client";
import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { MergeSuggestions } from "@/app/_components/merge-suggestions";
import { Card } from "@/app/_ui/card";
import { CustomerPrivacyCard } from "../../_components/customer-privacy-card";
import { CustomerMerges } from "./customer-merges";
import { CustomerTimeline } from "./customer-timeline";

/** One customer: their one timeline across every channel, merge suggestions, merges (split), and their personal data. */
export function CustomerDetail({ customerId }: { customerId: string }) {
  const t = useTranslations("customers.detail");
  return (
    <div className="mx-auto max-w-6xl px-6 py-8">
      <Link href="/customers" className="mb-4 inline-flex items-center gap-1 text-sm text-slate-500 hover:text-slate-800">
        <ArrowLeft className="size-4" aria-hidden />
        {t("back")}
      </Link>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <CustomerTimeline customerId={customerId} />
        <div className="space-y-4">
          <CustomerPrivacyCard customerId={customerId} />
          <Card title={t("identity")} testId="customer-identity-card">
            <div className="space-y-3 text-sm">
              <MergeSuggestions customerId={customerId} />
              <CustomerMerges customerId={customerId} />
            </div>
          </Card>
        </div>
      </div>
    </div>
  );
}
