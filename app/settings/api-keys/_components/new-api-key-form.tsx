"use client";
import { useMutation } from "@tanstack/react-query";
import { Check, Copy } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { Button } from "@/app/_ui/button";
import { ErrorNotice } from "@/app/_ui/error-notice";
import { TextField } from "@/app/_ui/text-field";

/** Scopes from the form: the event API, every webhook, or the named webhooks. */
function scopesOf(events: boolean, allHooks: boolean, hookNames: string): string[] {
  const named = hookNames
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((name) => `hooks:${name}`);
  return [...(events ? ["events"] : []), ...(allHooks ? ["hooks:*"] : named)];
}

/** Creates a key; its secret and signing secret are shown here once, with copy buttons. */
export function NewApiKeyForm({ onCreated }: { onCreated: () => void }) {
  const t = useTranslations("apiKeys");
  const trpc = useTRPC();
  const [name, setName] = useState("");
  const [events, setEvents] = useState(true);
  const [allHooks, setAllHooks] = useState(false);
  const [hookNames, setHookNames] = useState("");
  const create = useMutation(trpc.apiKeys.create.mutationOptions({ onSuccess: onCreated }));

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    create.mutate({ name, scopes: scopesOf(events, allHooks, hookNames) }, { onSuccess: () => setName("") });
  };

  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="mb-3 text-sm font-semibold text-slate-900">{t("new.title")}</h2>
      <form onSubmit={submit} className="space-y-3" data-testid="api-key-form">
        <TextField id="api-key-name" label={t("new.name")} value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required />
        <fieldset className="space-y-2 text-sm text-slate-700">
          <legend className="mb-1 font-medium">{t("new.scopes")}</legend>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={events} onChange={(e) => setEvents(e.target.checked)} data-testid="api-key-scope-events" />
            {t("new.scopeEvents")}
          </label>
          <label className="flex items-center gap-2">
            <input type="checkbox" checked={allHooks} onChange={(e) => setAllHooks(e.target.checked)} data-testid="api-key-scope-all-hooks" />
            {t("new.scopeAllHooks")}
          </label>
          {!allHooks && (
            <TextField
              id="api-key-hooks"
              label={t("new.scopeHooks")}
              placeholder="order-shipped, parcel-lost"
              value={hookNames}
              onChange={(e) => setHookNames(e.target.value)}
            />
          )}
        </fieldset>
        <ErrorNotice error={create.error} onDismiss={create.reset} />
        <Button type="submit" variant="primary" disabled={create.isPending} data-testid="api-key-create">
          {t("new.create")}
        </Button>
      </form>
      {create.data && (
        <div className="mt-4 space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="api-key-created">
          <p className="text-sm font-medium text-amber-900">{t("created.once", { name: create.data.name })}</p>
          <Secret label={t("created.key")} value={create.data.key} testId="api-key-secret" />
          <Secret label={t("created.signingSecret")} value={create.data.signingSecret} testId="api-key-signing-secret" />
          <p className="text-xs text-amber-800">{t("created.howTo", { keyId: create.data.id })}</p>
        </div>
      )}
    </section>
  );
}

/** A secret with a copy button; where the clipboard is refused, the text is selected for the reader to copy. */
function Secret({ label, value, testId }: { label: string; value: string; testId: string }) {
  const t = useTranslations("apiKeys");
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const text = useRef<HTMLElement>(null);
  const copy = () =>
    void navigator.clipboard.writeText(value).then(
      () => setCopied("yes"),
      () => {
        setCopied("failed");
        if (text.current) window.getSelection()?.selectAllChildren(text.current);
      },
    );
  return (
    <div>
      <div className="mb-1 text-xs font-medium text-amber-900">{label}</div>
      <div className="flex items-center gap-2">
        <code ref={text} className="min-w-0 flex-1 truncate rounded bg-white px-2 py-1 font-mono text-xs text-slate-800 select-all" data-testid={testId}>
          {value}
        </code>
        <Button size="sm" onClick={copy} data-testid={`${testId}-copy`}>
          {copied === "yes" ? <Check className="size-3.5" aria-hidden /> : <Copy className="size-3.5" aria-hidden />}
          {copied === "yes" ? t("created.copied") : t("created.copy")}
        </Button>
      </div>
      {copied === "failed" && (
        <p className="mt-1 text-xs text-amber-800" role="status">
          {t("created.copyFailed")}
        </p>
      )}
    </div>
  );
}
