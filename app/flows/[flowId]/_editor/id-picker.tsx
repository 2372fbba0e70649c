"use client";

/** The props every id-naming setting control gets from the settings form. */
export type IdControlProps = {
  id: string;
  className: string;
  value: unknown;
  onChange: (id: string | undefined) => void;
  testId: string;
  invalid: boolean;
};

/**
 * A setting that names something by id (another flow, a credential), picked from a list by label;
 * an id no longer in the list still shows, as such, so a stale setting is visible rather than blank.
 */
export function IdPicker({
  options,
  emptyLabel,
  unknownLabel,
  id,
  className,
  value,
  onChange,
  testId,
  invalid,
}: IdControlProps & { options: { id: string; label: string }[] | undefined; emptyLabel: string; unknownLabel: (id: string) => string }) {
  const current = typeof value === "string" ? value : "";
  const known = options?.some((o) => o.id === current);
  return (
    <select id={id} className={className} value={current} onChange={(e) => onChange(e.target.value || undefined)} data-testid={testId} aria-invalid={invalid}>
      <option value="">{emptyLabel}</option>
      {current && options && !known && <option value={current}>{unknownLabel(current)}</option>}
      {(options ?? []).map((o) => (
        <option key={o.id} value={o.id}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
