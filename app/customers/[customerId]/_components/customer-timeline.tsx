"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEventTypeText, useStatusText } from "@/app/_ui/use-stored-text";
import { useTRPC } from "@/app/_lib/trpc";
import type { RouterOutputs } from "@/app/_ui/router-types";
import { Badge } from "@/app/_ui/badge";
import { Button } from "@/app/_ui/button";
import { Card } from "@/app/_ui/card";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { Loading } from "@/app/_ui/loading";
import { useDateFormat } from "@/app/_ui/time";
import { useChannelName } from "@/app/_ui/use-node-text";

type Line = RouterOutputs["customers"]["timeline"]["items"][number];
const PAGE = 50;

/** Everything that happened with the customer across every channel, newest first, a page at a time. */
export function CustomerTimeline({ customerId }: { customerId: string }) {
  const t = useTranslations("customers.timeline");
  const trpc = useTRPC();
  const lines = useInfiniteQuery(
    trpc.customers.timeline.infiniteQueryOptions({ customerId, limit: PAGE }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
  );
  const items = lines.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card title={t("title")} testId="customer-timeline">
      {lines.isPending ? (
        <Loading />
      ) : lines.isError ? (
        <ErrorNotice error={lines.error} />
      ) : items.length === 0 ? (
        <p className="text-sm text-slate-500">{t("empty")}</p>
      ) : (
        <div className="space-y-3">
          <ol className="divide-y divide-slate-100">
            {items.map((line) => (
              <TimelineLine key={line.key} line={line} />
            ))}
          </ol>
          {lines.hasNextPage && (
            <Button size="sm" disabled={lines.isFetchingNextPage} onClick={() => lines.fetchNextPage()} data-testid="timeline-more">
              {lines.isFetchingNextPage ? t("loading") : t("more")}
            </Button>
          )}
        </div>
      )}
    </Card>
  );
}

function TimelineLine({ line }: { line: Line }) {
  const t = useTranslations("customers.timeline");
  const channelName = useChannelName();
  const { dateTime } = useDateFormat();
  const statusText = useStatusText();
  const eventTypeText = useEventTypeText();
  const text = line.kind === "step" && line.text ? eventTypeText(line.text) : line.text;
  const kind =
    line.kind === "message" ? t(`author.${line.author === "customer" ? "customer" : line.author === "operator" ? "operator" : "bot"}`) : t(`kind.${line.kind}`);
  return (
    <li className="flex gap-3 py-2 text-sm" data-testid="timeline-line">
      <div className="w-40 shrink-0 text-xs text-slate-400 tabular-nums">{dateTime(new Date(line.at))}</div>
      <div className="min-w-0 flex-1 space-y-0.5">
        <div className="flex flex-wrap items-center gap-1.5 text-xs text-slate-500">
          <span className="font-medium text-slate-700">{kind}</span>
          {line.channel && <Badge tone="indigo">{channelName(line.channel)}</Badge>}
          {line.label && <span>{line.label}</span>}
          {line.status && <Badge>{statusText(line.status)}</Badge>}
        </div>
        {text && <p className="break-words whitespace-pre-wrap text-slate-800">{text}</p>}
      </div>
    </li>
  );
}
