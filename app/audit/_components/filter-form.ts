import type { AuditFilter, AuditOutcome } from "@/engine/contracts/audit";

/** The filter form as typed: empty means "any"; dates are the `<input type="date">` value (YYYY-MM-DD). */
export type FilterForm = { actor: string; action: string; outcome: AuditOutcome | ""; from: string; to: string };

export const emptyForm: FilterForm = { actor: "", action: "", outcome: "", from: "", to: "" };

/** A day in the reader's time zone, at its start; `days` moves it (the "to" day is included, so the filter ends a day later). */
const localDay = (value: string, days = 0) => {
  const [y, m, d] = value.split("-").map(Number);
  return y && m && d ? new Date(y, m - 1, d + days) : undefined;
};

/** What the engine's filter takes from the form. */
export function toFilter(form: FilterForm): AuditFilter {
  return {
    actor: form.actor.trim() || undefined,
    action: form.action.trim() || undefined,
    outcome: form.outcome || undefined,
    from: form.from ? localDay(form.from) : undefined,
    to: form.to ? localDay(form.to, 1) : undefined,
  };
}
