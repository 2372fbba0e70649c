"use client";
import { Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { humanize, singular, type JsonSchema } from "@/app/_ui/flow-canvas";
import { Button } from "@/app/_ui/button";
import type { ComponentType } from "react";
import { useFormTexts } from "@/app/_ui/use-node-text";
import { setKey, type FieldProps } from "./field-props";

const toLines = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
const parseLines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
const sameLines = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** A list of strings edited one item per line. Keeps the raw text so blank lines can be typed. */
export function LinesField({
  id,
  className,
  value,
  onChange,
  testId,
  invalid,
}: {
  id: string;
  className: string;
  value: unknown;
  onChange: (value: string[]) => void;
  testId: string;
  invalid: boolean;
}) {
  const lines = toLines(value);
  const [text, setText] = useState(lines.join("\n"));
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    // Changed from outside (undo, another node): show it, unless it is what the text already says.
    setSeen(value);
    if (!sameLines(parseLines(text), lines)) setText(lines.join("\n"));
  }
  return (
    <textarea
      id={id}
      rows={Math.min(8, Math.max(3, lines.length + 1))}
      className={`${className} resize-y`}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        const next = parseLines(e.target.value);
        if (!sameLines(next, lines)) onChange(next);
      }}
      data-testid={testId}
      aria-invalid={invalid}
    />
  );
}

/** What a new item of a repeated group starts as: the item schema's defaults. */
function itemDefaults(schema: JsonSchema | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(schema?.properties ?? {}).flatMap(([k, s]) => (s.default === undefined ? [] : [[k, s.default]])));
}

/** A repeated group of objects (e.g. text-match rules): one card per item, with add and remove. */
/** `field` renders each item's fields (the settings form's Field, handed in: a group holds fields of any kind). */
export function GroupField({ path, schema, value, errors, onChange, field: Field }: FieldProps & { field: ComponentType<FieldProps> }) {
  const t = useTranslations("editor.form");
  const items = Array.isArray(value) ? value : [];
  // A language names one item itself ("Правило" for «Правила»); English singularises the label.
  const itemLabel = useFormTexts()?.setting(path).item ?? singular(schema.label ?? humanize(path.split(".").pop()!));
  const canRemove = items.length > (schema.minItems ?? 0);
  const canAdd = items.length < (schema.maxItems ?? Infinity);
  const fields = Object.entries(schema.items?.properties ?? {});
  return (
    <div className="space-y-2" data-testid={`field-${path}`}>
      {items.map((item, i) => {
        // Items are plain settings objects with no id: a card is the item at its position, and its
        // path (`rules.1`) is what its fields, errors, test ids and remove button address.
        const at = `${path}.${i}`;
        return (
          <div key={at} className="rounded-md border border-slate-200 bg-slate-50/60 p-3" data-testid={`field-${at}`}>
            <div className="mb-2 flex items-center justify-between">
              <span className="text-xs font-semibold text-slate-600">
                {itemLabel} {i + 1}
              </span>
              <button
                type="button"
                disabled={!canRemove}
                onClick={() =>
                  onChange(
                    items.filter((_, j) => j !== i),
                    path,
                  )
                }
                className="rounded p-1 text-slate-400 hover:bg-rose-50 hover:text-rose-600 disabled:pointer-events-none disabled:opacity-40"
                aria-label={t("removeItem", { item: itemLabel.toLowerCase(), number: i + 1 })}
                data-testid={`field-${at}-remove`}
              >
                <Trash2 className="size-3.5" />
              </button>
            </div>
            <div className="space-y-3">
              {fields.map(([key, field]) => (
                <Field
                  key={key}
                  path={`${at}.${key}`}
                  name={key}
                  schema={field}
                  value={(item as Record<string, unknown>)?.[key]}
                  errors={errors}
                  onChange={(v, fieldPath) =>
                    onChange(
                      items.map((it, j) => (j === i ? setKey(it, key, v) : it)),
                      fieldPath,
                    )
                  }
                />
              ))}
            </div>
            {errors.get(at)?.map((m) => (
              <p key={m} className="mt-2 text-xs text-rose-600">
                {m}
              </p>
            ))}
          </div>
        );
      })}
      <Button
        size="sm"
        variant="secondary"
        disabled={!canAdd}
        onClick={() => onChange([...items, itemDefaults(schema.items)], path)}
        data-testid={`field-${path}-add`}
      >
        <Plus className="size-3.5" aria-hidden />
        {t("addItem", { item: itemLabel.toLowerCase() })}
      </Button>
    </div>
  );
}
