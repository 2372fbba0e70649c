"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { RouterOutputs } from "@/app/_ui/router-types";
import { Button } from "@/app/_ui/button";
import { inputBase } from "@/app/_ui/text-field";
import { Age } from "@/app/_ui/time";
import { useCredentialActions } from "./use-credential-actions";

type Credential = RouterOutputs["credentials"]["list"][number];

/** One credential: its name, kind and hint; a new value can replace the old one, unseen. */
export function CredentialRow({ credential, onError }: { credential: Credential; onError: (error: unknown) => void }) {
  const t = useTranslations("credentials");
  const actions = useCredentialActions();
  const [replacing, setReplacing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [value, setValue] = useState("");

  const replace = () =>
    actions.replace.mutate(
      { id: credential.id, value },
      {
        onSuccess: () => {
          setReplacing(false);
          setValue("");
        },
        onError,
      },
    );
  const remove = () => actions.remove.mutate({ id: credential.id }, { onError, onSettled: () => setConfirming(false) });

  return (
    <tr data-testid={`credential-${credential.name}`}>
      <td className="truncate py-3 pr-3 pl-5 text-sm font-medium text-slate-900">{credential.name}</td>
      <td className="px-3 py-3 text-sm text-slate-600">
        {t("kind", { kind: credential.kind })}
        {credential.headerName && <span className="ml-1 font-mono text-xs text-slate-500">{credential.headerName}</span>}
      </td>
      <td className="px-3 py-3 font-mono text-sm text-slate-500">{credential.hint || "—"}</td>
      <td className="px-3 py-3 text-sm text-slate-500">
        <Age date={new Date(credential.updatedAt)} ago />
      </td>
      <td className="py-3 pr-5 pl-3">
        <div className="flex items-center justify-end gap-2">
          {replacing ? (
            <>
              <input
                type="password"
                autoComplete="off"
                className={`${inputBase} h-8 w-44 text-xs`}
                value={value}
                maxLength={4096}
                placeholder={t("row.newValue")}
                aria-label={t("row.newValue")}
                onChange={(e) => setValue(e.target.value)}
                data-testid="credential-new-value"
              />
              <Button size="sm" variant="primary" disabled={!value || actions.replace.isPending} onClick={replace}>
                {t("row.save")}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setReplacing(false)}>
                {t("row.cancel")}
              </Button>
            </>
          ) : confirming ? (
            <>
              <span className="text-xs text-slate-600">{t("row.removeConfirm", { name: credential.name })}</span>
              <Button size="sm" variant="danger" disabled={actions.remove.isPending} onClick={remove}>
                {t("row.remove")}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
                {t("row.cancel")}
              </Button>
            </>
          ) : (
            <>
              <Button size="sm" onClick={() => setReplacing(true)} data-testid="credential-replace">
                {t("row.replace")}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setConfirming(true)} data-testid="credential-remove">
                {t("row.remove")}
              </Button>
            </>
          )}
        </div>
      </td>
    </tr>
  );
}
