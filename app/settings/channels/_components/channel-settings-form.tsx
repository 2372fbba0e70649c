"use client";
import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { Button } from "@/app/_ui/button";
import { errorFields, fieldText } from "@/app/_ui/error-notice";
import { inputClass } from "@/app/_ui/text-field";
import type { ChannelField, ChannelView } from "@/engine/contracts/channel-setup";

type Value = string | number | boolean;

/** Words that stay as providers write them in their consoles ("SMTP host", "Account SID"). */
const ACRONYMS = new Set(["smtp", "imap", "url", "id", "api", "sid", "http", "https", "tls", "vk"]);

/** A setting's name as a label: `smtpHost` → "SMTP host", `phoneNumberId` → "Phone number ID" (the providers' own terms, in every language). */
export function fieldLabel(name: string): string {
  const words = name.split(/(?=[A-Z])/).map((w) => w.toLowerCase());
  return words.map((w, i) => (ACRONYMS.has(w) ? w.toUpperCase() : i === 0 ? w[0].toUpperCase() + w.slice(1) : w)).join(" ");
}

/** The fields the server refused, by name, from a failed save (the adapter's settings schema names them). */
const refusedFields = (error: unknown, locale: string): Record<string, string> =>
  Object.fromEntries(errorFields(error).map((f) => [f.field.replace(/^settings\./, ""), fieldText(f, locale)]));

/** The value an input starts with: a plain field's stored value; a secret always starts empty (it is never sent back). */
const initial = (field: ChannelField): Value => (field.secret ? "" : (field.value ?? (field.type === "boolean" ? false : "")));

/** The channel's settings as its adapter declares them; a secret left empty keeps the stored one. */
export function ChannelSettingsForm({ channel, onSaved, onError }: { channel: ChannelView; onSaved: () => void; onError: (error: unknown) => void }) {
  const t = useTranslations("channels");
  const locale = useLocale();
  const trpc = useTRPC();
  const [values, setValues] = useState<Record<string, Value>>(() => Object.fromEntries(channel.fields.map((f) => [f.name, initial(f)])));
  const configure = useMutation(
    trpc.channels.configure.mutationOptions({ onSuccess: onSaved, onError: (error) => errorFields(error).length === 0 && onError(error) }),
  );
  const [missing, setMissing] = useState<string[]>([]);
  const refused = refusedFields(configure.error, locale);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A required field left empty (a secret only when none is stored) is said at once, beside it.
    const empty = channel.fields.filter((f) => f.required && f.type !== "boolean" && values[f.name] === "" && !(f.secret && f.set)).map((f) => f.name);
    setMissing(empty);
    if (empty.length) return;
    // Empty plain fields are left out, so the adapter's defaults apply.
    const settings = Object.fromEntries(
      channel.fields.flatMap((f) => {
        const value = values[f.name];
        if (value === "" && !f.secret) return [];
        return [[f.name, f.type === "number" && value !== "" ? Number(value) : value]];
      }),
    );
    configure.mutate({ channel: channel.channel, settings });
  };
  return (
    <form onSubmit={submit} className="mt-4 grid gap-3 border-t border-slate-100 pt-4 sm:grid-cols-2" data-testid={`channel-${channel.channel}-form`}>
      {channel.fields.map((field) => {
        const id = `${channel.channel}-${field.name}`;
        const problem = missing.includes(field.name) ? t("required") : refused[field.name];
        return (
          <div key={field.name}>
            <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
              {fieldLabel(field.name)}
              {field.required && <span className="text-rose-600"> *</span>}
              {field.secret && <span className="ml-2 text-xs font-normal text-slate-500">{field.set ? t("secretSet") : t("secretNotSet")}</span>}
            </label>
            {field.type === "boolean" ? (
              <input id={id} type="checkbox" checked={values[field.name] === true} onChange={(e) => setValues({ ...values, [field.name]: e.target.checked })} />
            ) : (
              <input
                id={id}
                className={inputClass}
                type={field.secret ? "password" : field.type === "number" ? "number" : "text"}
                autoComplete="off"
                placeholder={field.secret && field.set ? t("keepSecret") : ""}
                value={String(values[field.name] ?? "")}
                onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
                aria-invalid={problem ? true : undefined}
                aria-describedby={problem ? `${id}-problem` : undefined}
              />
            )}
            {problem && (
              <p id={`${id}-problem`} className="mt-1 text-xs text-rose-700" data-testid={`channel-field-problem-${field.name}`}>
                {problem}
              </p>
            )}
          </div>
        );
      })}
      <div className="sm:col-span-2">
        <Button type="submit" variant="primary" disabled={configure.isPending} data-testid={`channel-${channel.channel}-save`}>
          {configure.isPending ? t("saving") : t("saveLive")}
        </Button>
      </div>
    </form>
  );
}
