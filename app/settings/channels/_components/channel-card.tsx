"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { Badge, type BadgeTone } from "@/app/_ui/badge";
import { Button } from "@/app/_ui/button";
import { useChannelTitle } from "@/app/_ui/use-node-text";
import type { ChannelView } from "@/engine/contracts/channel-setup";
import { ChannelSettingsForm } from "./channel-settings-form";
import { TestSendForm } from "./test-send-form";

const MODE_TONE: Record<ChannelView["mode"], BadgeTone> = { live: "green", sandbox: "amber", off: "gray" };

/** One channel: its mode, the webhook URL to give the provider, going live, sandbox or off, and a test send. */
export function ChannelCard({ channel, onError }: { channel: ChannelView; onError: (error: unknown) => void }) {
  const t = useTranslations("channels");
  const channelTitle = useChannelTitle();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.channels.list.queryKey() });
  const setMode = useMutation(trpc.channels.setMode.mutationOptions({ onSuccess: refresh, onError }));
  const origin = typeof window === "undefined" ? "" : window.location.origin;
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid={`channel-${channel.channel}`}>
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-base font-semibold text-slate-900">{channelTitle(channel.channel)}</h2>
        <Badge tone={MODE_TONE[channel.mode]} data-testid={`channel-${channel.channel}-mode`}>
          {t("mode", { mode: channel.mode })}
        </Badge>
        <div className="ml-auto flex gap-2">
          {channel.needsSettings && (
            <>
              <Button size="sm" variant="primary" onClick={() => setEditing(!editing)} data-testid={`channel-${channel.channel}-edit`}>
                {channel.mode === "live" ? t("editSettings") : t("goLive")}
              </Button>
              {channel.sandboxable && channel.mode !== "sandbox" && (
                <Button size="sm" disabled={setMode.isPending} onClick={() => setMode.mutate({ channel: channel.channel, mode: "sandbox" })}>
                  {t("useSandbox")}
                </Button>
              )}
              {channel.mode !== "off" && (
                <Button size="sm" variant="ghost" disabled={setMode.isPending} onClick={() => setMode.mutate({ channel: channel.channel, mode: "off" })}>
                  {t("turnOff")}
                </Button>
              )}
            </>
          )}
        </div>
      </div>
      {/* A channel with no settings (web chat) has no provider: nothing to call its webhook, nothing to test. */}
      <p className="mt-2 text-sm text-slate-600">{t(`explain.${channel.needsSettings ? channel.mode : "builtIn"}`)}</p>
      {channel.needsSettings && (
        <p className="mt-3 text-xs text-slate-500">
          {t("webhook")}{" "}
          <code className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-800" data-testid={`channel-${channel.channel}-webhook`}>
            {origin}
            {channel.webhookPath}
          </code>
        </p>
      )}
      {editing && (
        <ChannelSettingsForm
          channel={channel}
          onSaved={() => {
            setEditing(false);
            void refresh();
          }}
          onError={onError}
        />
      )}
      {channel.needsSettings && channel.mode !== "off" && <TestSendForm channel={channel.channel} />}
    </section>
  );
}
