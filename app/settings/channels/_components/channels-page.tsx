"use client";
import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { Loading } from "@/app/_ui/loading";
import { PageHeader } from "@/app/_ui/page-header";
import { ChannelCard } from "./channel-card";

/** Settings → Channels: every installed channel, live with its provider, in sandbox mode, or off. */
export function ChannelsPage() {
  const t = useTranslations("channels");
  const trpc = useTRPC();
  const channels = useQuery(trpc.channels.list.queryOptions());
  const [actionError, setActionError] = useState<unknown>(null);
  return (
    <div className="mx-auto max-w-5xl px-6 py-8">
      <PageHeader title={t("title")} description={t("description")} />
      <ErrorNotice error={actionError} onDismiss={() => setActionError(null)} className="mb-4" />
      {channels.isPending ? (
        <Loading label={t("loading")} />
      ) : channels.isError ? (
        <ErrorNotice error={channels.error} />
      ) : (
        <div className="space-y-4" data-testid="channels">
          {channels.data.map((channel) => (
            <ChannelCard key={channel.channel} channel={channel} onError={setActionError} />
          ))}
        </div>
      )}
    </div>
  );
}
