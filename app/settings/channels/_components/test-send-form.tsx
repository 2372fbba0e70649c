"use client";
import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { Button } from "@/app/_ui/button";
import { readableError } from "@/app/_ui/error-notice";
import { inputClass } from "@/app/_ui/text-field";
import { useChannelTitle } from "@/app/_ui/use-node-text";
import { CUSTOMER_WRITES_FIRST, SANDBOX_SAMPLE_ADDRESS } from "@/engine/contracts/channel-setup";
import { errorText } from "@/engine/contracts/error-texts";
import type { Channel } from "@/engine/contracts/events";

/** "Send a test message": one message through the channel's adapter now; the provider's words are shown as they came, ours in the person's language. */
export function TestSendForm({ channel }: { channel: Channel }) {
  const t = useTranslations("channels");
  const locale = useLocale();
  const channelTitle = useChannelTitle();
  const trpc = useTRPC();
  const [address, setAddress] = useState(SANDBOX_SAMPLE_ADDRESS[channel] ?? "");
  const [text, setText] = useState(t("testText"));
  const send = useMutation(trpc.channels.testSend.mutationOptions());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send.mutate({ channel, address, text });
  };
  const result = send.data;
  return (
    <form onSubmit={submit} className="mt-4 flex flex-wrap items-end gap-2 border-t border-slate-100 pt-4">
      <label className="text-sm text-slate-700">
        <span className="mb-1 block font-medium">{t("testTo")}</span>
        <input className={`${inputClass} w-56`} value={address} onChange={(e) => setAddress(e.target.value)} data-testid={`channel-${channel}-test-address`} />
      </label>
      <label className="min-w-48 flex-1 text-sm text-slate-700">
        <span className="mb-1 block font-medium">{t("testMessage")}</span>
        <input className={inputClass} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <Button type="submit" disabled={send.isPending || !address.trim() || !text.trim()} data-testid={`channel-${channel}-test-send`}>
        {send.isPending ? t("sending") : t("testSend")}
      </Button>
      {CUSTOMER_WRITES_FIRST.has(channel) && (
        <p className="w-full text-xs text-slate-500" data-testid={`channel-${channel}-test-hint`}>
          {t(channel === "whatsapp" ? "writesFirstWhatsApp" : "writesFirst", { channel: channelTitle(channel) })}
        </p>
      )}
      {result && (
        <p role="status" className={`w-full text-sm ${result.ok ? "text-emerald-700" : "text-rose-700"}`} data-testid={`channel-${channel}-test-result`}>
          {result.ok ? t("testSent", { id: result.providerMessageId ?? "—" }) : t("testFailed", { error: errorText(result.error, locale) })}
        </p>
      )}
      {send.error && <p className="w-full text-sm text-rose-700">{readableError(send.error, locale)}</p>}
    </form>
  );
}
