"use client";
import { useQuery } from "@tanstack/react-query";
import { FlaskConical } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { EmptyState } from "@/app/_ui/empty-state";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { Loading } from "@/app/_ui/loading";
import { PageHeader } from "@/app/_ui/page-header";
import { useChannelTitle } from "@/app/_ui/use-node-text";
import type { Channel } from "@/engine/contracts/events";
import { SandboxDevice } from "./sandbox-device";

/** The customer's phone, mailbox and messengers for every channel in sandbox mode: write to the flows, see their replies. */
export function SandboxPage() {
  const t = useTranslations("sandbox");
  const trpc = useTRPC();
  const channelTitle = useChannelTitle();
  const channels = useQuery(trpc.sandbox.channels.queryOptions());
  const answered = useQuery(trpc.sandbox.answered.queryOptions());
  const [picked, setPicked] = useState<Channel | null>(null);
  const channel = picked ?? channels.data?.[0] ?? null;
  return (
    <div className="mx-auto max-w-4xl px-6 py-8">
      <PageHeader title={t("title")} description={t("description")} />
      {channels.isPending ? (
        <Loading label={t("loading")} />
      ) : channels.isError ? (
        <ErrorNotice error={channels.error} />
      ) : !channel ? (
        <EmptyState icon={FlaskConical} title={t("empty.title")}>
          {t("empty.body")}
        </EmptyState>
      ) : (
        <>
          <div role="tablist" aria-label={t("channels")} className="mb-4 flex flex-wrap gap-2">
            {channels.data.map((c) => (
              <button
                key={c}
                type="button"
                role="tab"
                aria-selected={c === channel}
                onClick={() => setPicked(c)}
                className={`rounded-full px-3 py-1 text-sm ${c === channel ? "bg-indigo-600 text-white" : "bg-white text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"}`}
                data-testid={`sandbox-tab-${c}`}
              >
                {channelTitle(c)}
              </button>
            ))}
          </div>
          {answered.data && !answered.data.includes(channel) && (
            <p role="note" className="mb-4 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200" data-testid="sandbox-unanswered">
              {t.rich("unanswered", {
                channel: channelTitle(channel),
                flows: (text) => (
                  <Link href="/" className="font-medium underline">
                    {text}
                  </Link>
                ),
              })}
            </p>
          )}
          <SandboxDevice key={channel} channel={channel} />
        </>
      )}
    </div>
  );
}
