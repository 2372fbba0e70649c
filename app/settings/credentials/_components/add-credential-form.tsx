"use client";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { Button } from "@/app/_ui/button";
import { inputClass, TextField } from "@/app/_ui/text-field";
import { CREDENTIAL_KINDS, type CredentialKind } from "@/engine/contracts/credentials";
import { useCredentialActions } from "./use-credential-actions";

/** Adds a credential; the value field is a password field and is cleared once saved. */
export function AddCredentialForm({ onError }: { onError: (error: unknown) => void }) {
  const t = useTranslations("credentials");
  const { create } = useCredentialActions();
  const [name, setName] = useState("");
  const [kind, setKind] = useState<CredentialKind>("bearer");
  const [headerName, setHeaderName] = useState("");
  const [value, setValue] = useState("");

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { name, kind, value, ...(kind === "header" && { headerName }) },
      {
        onSuccess: () => {
          setName("");
          setHeaderName("");
          setValue("");
        },
        onError,
      },
    );
  };

  return (
    <form onSubmit={submit} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm" data-testid="add-credential">
      <h2 className="mb-4 text-base font-semibold text-slate-900">{t("add.title")}</h2>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField id="credential-name" label={t("add.name")} value={name} maxLength={80} required onChange={(e) => setName(e.target.value)} />
        <div>
          <label htmlFor="credential-kind" className="mb-1 block text-sm font-medium text-slate-700">
            {t("add.kind")}
          </label>
          <select id="credential-kind" className={inputClass} value={kind} onChange={(e) => setKind(e.target.value as CredentialKind)}>
            {CREDENTIAL_KINDS.map((k) => (
              <option key={k} value={k}>
                {t("kind", { kind: k })}
              </option>
            ))}
          </select>
        </div>
        {kind === "header" && (
          <TextField
            id="credential-header"
            label={t("add.headerName")}
            placeholder="X-Api-Key"
            value={headerName}
            maxLength={100}
            required
            onChange={(e) => setHeaderName(e.target.value)}
          />
        )}
        <TextField
          id="credential-value"
          type="password"
          autoComplete="off"
          label={t("add.value")}
          placeholder={t("add.valuePlaceholder", { kind })}
          value={value}
          maxLength={4096}
          required
          onChange={(e) => setValue(e.target.value)}
        />
      </div>
      <p className="mt-2 text-xs text-slate-500">{t("add.help")}</p>
      <div className="mt-4 flex justify-end">
        <Button type="submit" variant="primary" disabled={create.isPending}>
          {create.isPending ? t("add.pending") : t("add.submit")}
        </Button>
      </div>
    </form>
  );
}
