"use client";
import { skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { MessageCircle, RotateCcw } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { Button } from "./button";
import { Composer } from "./composer";
import { ErrorNotice } from "./error-notice";
import { MessageList, type ChatMessage } from "./message-list";
import { inputBase } from "./text-field";
import { useWebchatVisitor } from "./use-webchat-visitor";

/**
 * The web-chat test panel: talk to published flows as a visitor would. With a `flowId` the
 * conversation starts that flow; without one the engine picks the flow whose trigger matches.
 */
export function WebchatPanel({ flowId }: { flowId?: string }) {
  const t = useTranslations("chat");
  const common = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { visitor, name, setName, restart, error: visitorError } = useWebchatVisitor(flowId);
  const [text, setText] = useState("");

  const messagesQuery = trpc.webchat.messages.queryOptions(visitor ? { token: visitor.token } : skipToken, { refetchInterval: 700 });
  const conversation = useQuery(messagesQuery);
  const send = useMutation(
    trpc.webchat.send.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: messagesQuery.queryKey }),
    }),
  );

  const say = (words: string, onSuccess?: () => void) => {
    if (!visitor) return;
    send.mutate({ token: visitor.token, text: words, name: name.trim() || undefined, flowId }, { onSuccess });
  };
  const submit = () => say(text.trim(), () => setText(""));
  // Quick replies belong to the bot's latest message; once the visitor answers they are gone.
  const last = conversation.data?.messages.at(-1);
  const quickReplies = last?.direction === "out" ? last.buttons : [];
  const newConversation = () => {
    restart();
    send.reset();
    setText("");
  };
  const labelFor = (m: ChatMessage) => (m.direction === "in" ? name.trim() || common("you") : m.author === "operator" ? common("operator") : common("bot"));

  return (
    <section className="flex h-full min-h-0 flex-col bg-white" data-testid="webchat-panel">
      <header className="space-y-3 border-b border-slate-200 px-4 py-3">
        <div className="flex items-center justify-between gap-3">
          <div className="min-w-0">
            <h2 className="text-sm font-semibold text-slate-900">{t("title")}</h2>
            <p className="text-xs text-slate-500">{flowId ? t("subtitleFlow") : t("subtitleAny")}</p>
          </div>
          <Button size="sm" onClick={newConversation} disabled={!visitor} data-testid="chat-new-conversation">
            <RotateCcw className="size-3.5" aria-hidden />
            {t("newConversation")}
          </Button>
        </div>
        <div className="flex items-center gap-3">
          <label htmlFor="chat-name" className="shrink-0 text-xs font-medium text-slate-600">
            {t("yourName")}
          </label>
          <input
            id="chat-name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder={t("namePlaceholder")}
            className={`${inputBase} py-1.5`}
            data-testid="chat-name"
          />
        </div>
        <p className="truncate font-mono text-[11px] text-slate-400" title={t("visitorId")} data-testid="chat-visitor-id">
          {visitor?.visitorId ?? "…"}
        </p>
      </header>

      {conversation.isError ? (
        <ErrorNotice error={conversation.error} className="m-4" />
      ) : (
        <div className="flex min-h-0 flex-1 flex-col bg-slate-50/60">
          <MessageList
            messages={conversation.data?.messages ?? []}
            ownDirection="in"
            labelFor={labelFor}
            pendingText={send.isPending ? send.variables.text : undefined}
            pendingLabel={name.trim() || common("you")}
            empty={
              <div className="text-center text-sm text-slate-500">
                <MessageCircle className="mx-auto mb-2 size-6 text-slate-300" aria-hidden />
                {t("empty")}
              </div>
            }
          />
        </div>
      )}

      <footer className="space-y-2 border-t border-slate-200 p-3">
        <ErrorNotice error={send.error ?? visitorError} />
        {quickReplies.length > 0 && (
          <fieldset className="flex min-w-0 flex-wrap gap-2" aria-label={t("quickReplies")} data-testid="chat-quick-replies">
            {quickReplies.map((label) => (
              <button
                // Labels are unique: Ask and Offer channel switch refuse to publish two buttons alike.
                key={label}
                type="button"
                onClick={() => say(label)}
                disabled={send.isPending}
                className="rounded-full border border-sky-300 bg-sky-50 px-3 py-1 text-xs font-medium text-sky-800 hover:bg-sky-100 disabled:opacity-50"
              >
                {label}
              </button>
            ))}
          </fieldset>
        )}
        <Composer
          value={text}
          onChange={setText}
          onSend={submit}
          pending={send.isPending}
          disabled={!visitor}
          placeholder={t("placeholder")}
          inputTestId="chat-input"
          sendTestId="chat-send"
        />
      </footer>
    </section>
  );
}
