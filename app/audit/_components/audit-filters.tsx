"use client";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { Button } from "@/app/_ui/button";
import { inputClass } from "@/app/_ui/text-field";
import { AUDIT_OUTCOMES } from "@/engine/contracts/audit";
import { emptyForm, type FilterForm } from "./filter-form";

const label = "mb-1 block text-xs font-medium text-slate-600";

/** Who, what, how it ended and when: applied together when the reader presses Apply. */
export function AuditFilters({ onApply }: { onApply: (form: FilterForm) => void }) {
  const t = useTranslations("audit");
  const [form, setForm] = useState<FilterForm>(emptyForm);
  const set = (key: keyof FilterForm) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(form);
  };
  const clear = () => {
    setForm(emptyForm);
    onApply(emptyForm);
  };
  return (
    <form onSubmit={submit} className="mb-4 flex flex-wrap items-end gap-3" data-testid="audit-filters">
      <div className="w-48">
        <label htmlFor="audit-actor" className={label}>
          {t("filters.actor")}
        </label>
        <input id="audit-actor" className={inputClass} value={form.actor} onChange={set("actor")} placeholder={t("filters.actorPlaceholder")} maxLength={200} />
      </div>
      <div className="w-72">
        <label htmlFor="audit-action" className={label}>
          {t("filters.action")}
        </label>
        <input
          id="audit-action"
          className={inputClass}
          value={form.action}
          onChange={set("action")}
          placeholder={t("filters.actionPlaceholder")}
          maxLength={100}
        />
      </div>
      <div className="w-36">
        <label htmlFor="audit-outcome" className={label}>
          {t("filters.outcome")}
        </label>
        <select id="audit-outcome" className={inputClass} value={form.outcome} onChange={set("outcome")}>
          <option value="">{t("filters.anyOutcome")}</option>
          {AUDIT_OUTCOMES.map((outcome) => (
            <option key={outcome} value={outcome}>
              {t("outcome", { outcome })}
            </option>
          ))}
        </select>
      </div>
      <div className="w-40">
        <label htmlFor="audit-from" className={label}>
          {t("filters.from")}
        </label>
        <input id="audit-from" type="date" className={inputClass} value={form.from} onChange={set("from")} />
      </div>
      <div className="w-40">
        <label htmlFor="audit-to" className={label}>
          {t("filters.to")}
        </label>
        <input id="audit-to" type="date" className={inputClass} value={form.to} onChange={set("to")} />
      </div>
      <Button type="submit" variant="primary" data-testid="audit-apply">
        {t("filters.apply")}
      </Button>
      <Button variant="ghost" onClick={clear}>
        {t("filters.clear")}
      </Button>
    </form>
  );
}
