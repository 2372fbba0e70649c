"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { History, Search, UsersRound } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useDeferredValue, useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { Button } from "@/app/_ui/button";
import { EmptyState } from "@/app/_ui/empty-state";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { Loading } from "@/app/_ui/loading";
import { PageHeader } from "@/app/_ui/page-header";
import { inputClass } from "@/app/_ui/text-field";
import { CustomerImport } from "./customer-import";
import { CustomerList } from "./customer-list";
import { CustomerPrivacyCard } from "./customer-privacy-card";

const PAGE_SIZE = 20;

/** Find a customer by name, address or id; open their timeline; export or erase what is held about them; admins import a CSV. */
export function CustomersPage() {
  const t = useTranslations("customers");
  const trpc = useTRPC();
  const [query, setQuery] = useState("");
  const [page, setPage] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const search = useDeferredValue(query.trim());
  const me = useQuery(trpc.me.get.queryOptions());
  const customers = useQuery({ ...trpc.customers.list.queryOptions({ query: search, page, pageSize: PAGE_SIZE }), placeholderData: keepPreviousData });
  const pages = customers.data ? Math.max(1, Math.ceil(customers.data.total / PAGE_SIZE)) : 1;

  return (
    <div className="mx-auto max-w-6xl px-6 py-8">
      <PageHeader title={t("title")} description={t("description")} />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
          <div className="relative border-b border-slate-100 p-3">
            <Search className="pointer-events-none absolute top-1/2 left-6 size-4 -translate-y-1/2 text-slate-400" aria-hidden />
            <input
              type="search"
              value={query}
              maxLength={200}
              onChange={(e) => {
                setQuery(e.target.value);
                setPage(0);
              }}
              placeholder={t("searchPlaceholder")}
              aria-label={t("search")}
              className={`${inputClass} pl-9`}
              data-testid="customer-search"
            />
          </div>
          {customers.isPending ? (
            <Loading label={t("loading")} />
          ) : customers.isError ? (
            <ErrorNotice error={customers.error} className="m-4" />
          ) : customers.data.customers.length === 0 ? (
            <EmptyState icon={UsersRound} title={search ? t("empty.noMatch") : t("empty.title")}>
              {search ? t("empty.noMatchBody", { query: search }) : t("empty.body")}
            </EmptyState>
          ) : (
            <>
              <CustomerList customers={customers.data.customers} selected={selected} onSelect={setSelected} />
              <div className="flex items-center justify-between border-t border-slate-100 px-4 py-2 text-sm text-slate-500">
                <span>{t("total", { count: customers.data.total })}</span>
                <div className="flex items-center gap-2">
                  <Button size="sm" disabled={page === 0} onClick={() => setPage(page - 1)}>
                    {t("previous")}
                  </Button>
                  <span>{t("page", { page: page + 1, pages })}</span>
                  <Button size="sm" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>
                    {t("next")}
                  </Button>
                </div>
              </div>
            </>
          )}
        </div>
        <div className="space-y-4">
          {selected ? (
            <>
              <Link
                href={`/customers/${encodeURIComponent(selected)}`}
                className="inline-flex items-center gap-1.5 text-sm font-medium text-indigo-600 hover:text-indigo-500"
                data-testid="open-customer"
              >
                <History className="size-4" aria-hidden />
                {t("open")}
              </Link>
              <CustomerPrivacyCard customerId={selected} />
            </>
          ) : (
            <p className="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500">{t("pick")}</p>
          )}
          {me.data?.user?.role === "admin" && <CustomerImport />}
        </div>
      </div>
    </div>
  );
}
