"use client";
import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useTRPC } from "@/app/_lib/trpc";
import { Button } from "@/app/_ui/button";
import { inputClass } from "@/app/_ui/text-field";
import type { ChannelField, ChannelView } from "@/engine/contracts/channel-setup";

type Value = string | number | boolean;

/** The value an input starts with: a plain field's stored value; a secret always starts empty (it is never sent back). */
const initial = (field: ChannelField): Value => (field.secret ? "" : (field.value ?? (field.type === "boolean" ? false : "")));

/** The channel's settings as its adapter declares them; a secret left empty keeps the stored one. */
export function ChannelSettingsForm({ channel, onSaved, onError }: { channel: ChannelView; onSaved: () => void; onError: (error: unknown) => void }) {
  const t = useTranslations("channels");
  const trpc = useTRPC();
  const [values, setValues] = useState<Record<string, Value>>(() => Object.fromEntries(channel.fields.map((f) => [f.name, initial(f)])));
  const configure = useMutation(trpc.channels.configure.mutationOptions({ onSuccess: onSaved, onError }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
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
        return (
          <div key={field.name}>
            <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
              {field.name}
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
              />
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
