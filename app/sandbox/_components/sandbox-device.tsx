"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { Button } from "@/app/_ui/button";
import { Composer } from "@/app/_ui/composer";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { MessageBubble } from "@/app/_ui/message-bubble";
import { useChannelTitle } from "@/app/_ui/use-node-text";
import { inputClass } from "@/app/_ui/text-field";
import { NAMELESS_CHANNELS, SANDBOX_SAMPLE_ADDRESS } from "@/engine/contracts/channel-setup";
import type { Channel } from "@/engine/contracts/events";

/** One customer's device on one channel: what they wrote, what reached them, and buttons they can press. */
export function SandboxDevice({ channel }: { channel: Channel }) {
  const t = useTranslations("sandbox");
  const channelTitle = useChannelTitle();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [address, setAddress] = useState(SANDBOX_SAMPLE_ADDRESS[channel] ?? "");
  const [name, setName] = useState("Ann Lee");
  const [draft, setDraft] = useState("");
  const threadQuery = trpc.sandbox.thread.queryOptions({ channel, address: address.trim() || "-" });
  // The flow answers after its step commits and the fake provider takes the message: poll while the page is open.
  const thread = useQuery({ ...threadQuery, enabled: address.trim() !== "", refetchInterval: 1_000 });
  const write = useMutation(
    trpc.sandbox.write.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: threadQuery.queryKey }),
    }),
  );
  const named = !NAMELESS_CHANNELS.has(channel);
  const send = (text: string) =>
    write.mutate({ channel, address: address.trim(), name: (named && name.trim()) || undefined, text }, { onSuccess: () => setDraft("") });
  const lines = thread.data ?? [];
  const lastButtons = lines.at(-1)?.from === "flow" ? (lines.at(-1)?.buttons ?? []) : [];
  // Like a phone, the thread keeps its newest message in view as lines arrive.
  const threadRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (lines.length) threadRef.current?.scrollTo({ top: threadRef.current.scrollHeight });
  }, [lines.length]);
  return (
    <div className="rounded-lg border border-slate-200 bg-white shadow-sm" data-testid={`sandbox-${channel}`}>
      <div className="flex flex-wrap gap-3 border-b border-slate-100 p-4">
        <label className="text-sm text-slate-700">
          <span className="mb-1 block font-medium">{t("address")}</span>
          <input className={`${inputClass} w-56`} value={address} onChange={(e) => setAddress(e.target.value)} data-testid="sandbox-address" />
        </label>
        {channel === "phone" && (
          <p className="max-w-72 self-end text-xs text-slate-500" data-testid="sandbox-phone-hint">
            {t("phoneHint")}
          </p>
        )}
        {named ? (
          <label className="text-sm text-slate-700">
            <span className="mb-1 block font-medium">{t("name")}</span>
            <input className={`${inputClass} w-48`} value={name} onChange={(e) => setName(e.target.value)} data-testid="sandbox-name" />
          </label>
        ) : (
          <p className="max-w-64 self-end text-xs text-slate-500" data-testid="sandbox-nameless">
            {t("nameless", { channel: channelTitle(channel) })}
          </p>
        )}
      </div>
      <div ref={threadRef} className="flex h-96 flex-col gap-3 overflow-y-auto bg-slate-50 p-4" aria-live="polite" data-testid="sandbox-thread">
        {lines.length === 0 ? (
          <p className="m-auto text-sm text-slate-500">{t("nothingYet")}</p>
        ) : (
          lines.map((line) => (
            <MessageBubble
              key={`${line.from}-${line.at}-${line.text}`}
              side={line.from === "customer" ? "right" : "left"}
              author={line.from === "customer" ? "customer" : "bot"}
              label={line.from === "customer" ? t("customer") : t("flow")}
              text={line.text}
              createdAt={new Date(line.at)}
              testId={`sandbox-line-${line.from}`}
            />
          ))
        )}
      </div>
      <div className="space-y-3 border-t border-slate-100 p-4">
        {lastButtons.length > 0 && (
          <div className="flex flex-wrap gap-2">
            {lastButtons.map((button) => (
              <Button key={button} size="sm" disabled={write.isPending} onClick={() => send(button)} data-testid="sandbox-button">
                {button}
              </Button>
            ))}
          </div>
        )}
        <ErrorNotice error={write.error} />
        <Composer
          value={draft}
          onChange={setDraft}
          onSend={() => send(draft)}
          pending={write.isPending}
          disabled={!address.trim()}
          placeholder={t("placeholder")}
          inputTestId="sandbox-input"
          sendTestId="sandbox-send"
        />
      </div>
    </div>
  );
}
