"use client";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { humanize, type JsonSchema } from "@/app/_ui/flow-canvas";
import { inputBase } from "@/app/_ui/text-field";
import { useFormTexts } from "@/app/_ui/use-node-text";
import { CredentialPicker } from "./credential-picker";
import { FlowPicker } from "./flow-picker";
import { setKey, type FieldErrors, type FieldProps } from "./field-props";
import { GroupField, LinesField } from "./list-fields";

export type { ChangeHandler, FieldErrors, FieldProps } from "./field-props";
export { setKey } from "./field-props";

type Kind = "select" | "checkbox" | "number" | "text" | "textarea" | "flow" | "credential" | "lines" | "group" | "unsupported";

/** The choices of an enum, a const, or a union of those (`"any" | channel`). */
export function optionsOf(schema: JsonSchema): unknown[] | null {
  if (schema.enum) return schema.enum;
  if (schema.const !== undefined) return [schema.const];
  const union = schema.anyOf ?? schema.oneOf;
  if (!union) return null;
  const parts = union.map(optionsOf);
  return parts.every((p) => p) ? parts.flat() : null;
}

/** Which control edits a setting; "unsupported" means the form cannot show it. */
export function kindOf(schema: JsonSchema): Kind {
  if (optionsOf(schema)) return "select";
  if (schema.type === "boolean") return "checkbox";
  if (schema.type === "number" || schema.type === "integer") return "number";
  if (schema.type === "string" && schema.widget === "flow") return "flow";
  if (schema.type === "string" && schema.widget === "credential") return "credential";
  if (schema.type === "string") return schema.widget === "textarea" || schema.widget === "template" ? "textarea" : "text";
  if (schema.type === "array" && schema.items?.type === "object") return "group";
  if (schema.type === "array" && schema.items?.type === "string") return "lines";
  return "unsupported";
}

/** Option value standing for a stored value that is not one of the choices (no choice's String() can equal it). */
const STRAY_OPTION = "\u0000stray";

/**
 * A stored value the field's control cannot show as it is (an imported flow with a value not among
 * the choices, or of the wrong kind), as JSON to show beside it; undefined when the control shows it.
 * Lists and groups check their own items.
 */
export function strayValue(kind: Kind, schema: JsonSchema, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const fits: Partial<Record<Kind, boolean>> = {
    select: optionsOf(schema)?.some((o) => o === value),
    checkbox: typeof value === "boolean",
    number: typeof value === "number",
    text: typeof value === "string",
    textarea: typeof value === "string",
    flow: typeof value === "string",
    credential: typeof value === "string",
  };
  return fits[kind] === false ? JSON.stringify(value) : undefined;
}

/**
 * A form generated from a node type's settings schema (`z.toJSONSchema`, input side). Labels,
 * help, placeholders and widgets come from the schema's `.meta()`; nothing here knows a node type.
 */
export function SettingsForm({
  schema,
  value,
  errors,
  onChange,
}: {
  schema: JsonSchema;
  value: Record<string, unknown>;
  errors: FieldErrors;
  onChange: (next: Record<string, unknown>, field: string) => void;
}) {
  const t = useTranslations("editor.form");
  const fields = Object.entries(schema.properties ?? {});
  if (!fields.length) return <p className="text-sm text-slate-500">{t("noSettings")}</p>;
  return (
    <div className="space-y-4">
      {fields.map(([key, field]) => (
        <Field
          key={key}
          path={key}
          name={key}
          schema={field}
          value={value[key]}
          errors={errors}
          onChange={(v, path) => onChange(setKey(value, key, v), path)}
        />
      ))}
    </div>
  );
}

/** One field of any kind: label, control, help and its errors. */
export function Field(props: FieldProps) {
  const { path, name, schema, errors } = props;
  const t = useTranslations("editor.form");
  const id = useId();
  const kind = kindOf(schema);
  const texts = useFormTexts()?.setting(path);
  const label = texts?.label ?? schema.label ?? humanize(name);
  // Leaf controls own the errors of their items too (`outcomes.1`); groups leave those to their items.
  const own = [...errors].filter(([key]) => key === path || (kind !== "group" && key.startsWith(`${path}.`)));
  const messages = own.flatMap(([key, list]) =>
    list.map((m) =>
      key === path
        ? m
        : t("itemError", { kind: kind === "lines" ? "lines" : "item", number: Number(key.slice(path.length + 1).split(".")[0]) + 1, message: m }),
    ),
  );
  const stray = strayValue(kind, schema, props.value);
  const invalid = messages.length > 0 || stray !== undefined;

  return (
    <div data-testid={`setting-${path}`}>
      {kind === "checkbox" ? (
        <label htmlFor={id} className="flex items-center gap-2 text-sm font-medium text-slate-700">
          <Control {...props} id={id} kind={kind} invalid={invalid} />
          {label}
        </label>
      ) : (
        <>
          <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-700">
            {label}
          </label>
          <Control {...props} id={id} kind={kind} invalid={invalid} />
        </>
      )}
      {stray !== undefined && (
        <p className="mt-1 text-xs leading-4 text-rose-600" data-testid={`field-stray-${path}`}>
          {t("strayValue", { value: stray })}
        </p>
      )}
      {(texts?.help ?? schema.help) && <p className="mt-1 text-xs leading-4 text-slate-500">{texts?.help ?? schema.help}</p>}
      {messages.map((m) => (
        <p key={m} className="mt-1 text-xs leading-4 text-rose-600" data-testid={`field-error-${path}`}>
          {m}
        </p>
      ))}
    </div>
  );
}

// aria-invalid variants sort after the base border colours, so they win without !important.
const controlClass = `${inputBase} py-1.5 aria-invalid:border-rose-400 aria-invalid:focus:border-rose-500 aria-invalid:focus:ring-rose-500/20`;

function Control({ id, kind, invalid, path, schema, value, errors, onChange }: FieldProps & { id: string; kind: Kind; invalid: boolean }) {
  const t = useTranslations("editor.form");
  const testId = `field-${path}`;
  const formTexts = useFormTexts();
  const placeholder =
    formTexts?.setting(path).placeholder ??
    schema.placeholder ??
    (schema.default !== undefined && typeof schema.default !== "object" ? String(schema.default) : undefined);
  switch (kind) {
    case "select": {
      const options = optionsOf(schema)!;
      const current = value ?? schema.default;
      // A value that is not a choice stays selected and says so, rather than showing as the first choice.
      const stray = strayValue(kind, schema, value);
      return (
        <select
          id={id}
          className={controlClass}
          value={stray !== undefined ? STRAY_OPTION : current === undefined ? "" : String(current)}
          onChange={(e) =>
            onChange(
              options.find((o) => String(o) === e.target.value),
              path,
            )
          }
          data-testid={testId}
          aria-invalid={invalid}
        >
          {current === undefined && <option value="">{t("choose")}</option>}
          {stray !== undefined && (
            <option value={STRAY_OPTION} disabled>
              {t("strayOption", { value: stray })}
            </option>
          )}
          {options.map((o) => (
            <option key={String(o)} value={String(o)}>
              {formTexts?.option(path, o) ?? humanize(String(o))}
            </option>
          ))}
        </select>
      );
    }
    case "checkbox":
      return (
        <input
          id={id}
          type="checkbox"
          className="size-4 rounded border-slate-300 text-indigo-600"
          checked={Boolean(value ?? schema.default)}
          onChange={(e) => onChange(e.target.checked, path)}
          data-testid={testId}
        />
      );
    case "number":
      return (
        <input
          id={id}
          type="number"
          className={controlClass}
          value={typeof value === "number" ? value : ""}
          min={schema.minimum}
          max={schema.maximum}
          step={schema.type === "integer" ? 1 : "any"}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.valueAsNumber, path)}
          data-testid={testId}
          aria-invalid={invalid}
        />
      );
    case "text":
      return (
        <input
          id={id}
          type="text"
          className={controlClass}
          value={typeof value === "string" ? value : ""}
          maxLength={schema.maxLength}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value, path)}
          data-testid={testId}
          aria-invalid={invalid}
        />
      );
    case "textarea":
      return (
        <textarea
          id={id}
          rows={schema.widget === "template" ? 4 : 3}
          className={`${controlClass} resize-y ${schema.widget === "template" ? "font-mono" : ""}`}
          value={typeof value === "string" ? value : ""}
          maxLength={schema.maxLength}
          placeholder={placeholder}
          onChange={(e) => onChange(e.target.value, path)}
          data-testid={testId}
          aria-invalid={invalid}
        />
      );
    case "flow":
      return <FlowPicker id={id} className={controlClass} value={value} onChange={(v) => onChange(v, path)} testId={testId} invalid={invalid} />;
    case "credential":
      return <CredentialPicker id={id} className={controlClass} value={value} onChange={(v) => onChange(v, path)} testId={testId} invalid={invalid} />;
    case "lines":
      return <LinesField id={id} className={controlClass} value={value} onChange={(v) => onChange(v, path)} testId={testId} invalid={invalid} />;
    case "group":
      return <GroupField path={path} name={path} schema={schema} value={value} errors={errors} onChange={onChange} field={Field} />;
    default:
      return <p className="text-xs text-slate-500">{t("notEditable")}</p>;
  }
}
