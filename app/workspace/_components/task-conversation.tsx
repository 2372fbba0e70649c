"use client";
import { useMutation } from "@tanstack/react-query";
import { MessagesSquare } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { Composer } from "@/app/_ui/composer";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { MessageList, type ChatMessage } from "@/app/_ui/message-list";
import { useChannelName, useChannelTitle } from "@/app/_ui/use-node-text";
import type { Task } from "./task-types";
import { useRefreshTask } from "./use-refresh-task";

/** The customer's conversation and the operator's reply box; replies leave through the channel. */
export function TaskConversation({ task }: { task: Task }) {
  const t = useTranslations("workspace.conversation");
  const common = useTranslations("common");
  const trpc = useTRPC();
  const refresh = useRefreshTask(task.id);
  const reply = useMutation(trpc.tasks.reply.mutationOptions({ onSuccess: refresh }));
  const [text, setText] = useState("");
  const channelName = useChannelName();
  const channelTitle = useChannelTitle();
  const customerName = task.customer?.knownAs ?? t("customer");
  const replyChannel = channelTitle(task.conversation?.channel ?? "");
  const replyHint = task.customer?.knownAs
    ? t("replyTo", { name: task.customer.knownAs, channel: replyChannel })
    : t("replyToUnnamed", { channel: replyChannel });
  // The timeline spans every channel the customer used; messages from another one say where they came from.
  const here = task.conversation?.channel;
  const closedReason =
    task.status === "cancelled" ? t("cancelled") : task.status === "completed" ? t("completed") : !task.conversation ? t("noConversation") : null;
  const labelFor = (m: ChatMessage) => {
    const who = m.direction === "in" ? customerName : m.author === "operator" ? common("operator") : common("bot");
    return m.channel && m.channel !== here ? `${who} · ${channelName(m.channel)}` : who;
  };

  return (
    <div className="flex min-w-0 flex-1 flex-col bg-slate-50/60" data-testid="task-conversation">
      <MessageList
        messages={task.messages}
        ownDirection="out"
        labelFor={labelFor}
        pendingText={reply.isPending ? reply.variables.text : undefined}
        pendingLabel={common("you")}
        empty={
          <div className="text-center text-sm text-slate-500">
            <MessagesSquare className="mx-auto mb-2 size-6 text-slate-300" aria-hidden />
            {t("empty")}
          </div>
        }
      />
      <div className="space-y-2 border-t border-slate-200 bg-white p-3">
        <ErrorNotice error={reply.error} />
        <Composer
          value={text}
          onChange={setText}
          onSend={() => reply.mutate({ taskId: task.id, text: text.trim() }, { onSuccess: () => setText("") })}
          pending={reply.isPending}
          disabled={closedReason !== null}
          placeholder={closedReason ?? replyHint}
          inputTestId="task-reply-input"
          sendTestId="task-reply-send"
        />
      </div>
    </div>
  );
}
