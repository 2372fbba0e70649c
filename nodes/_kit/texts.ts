import * as z from "zod";
import { type FieldTexts, type Locale, NODE_CATEGORIES, type NodeCategory, type NodeSpec, type NodeTexts, type Port } from "./define-node";

/** The part of a settings JSON schema (`z.toJSONSchema`, input side) the texts read. */
type Schema = {
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  type?: string;
  label?: string;
  help?: string;
  placeholder?: string;
};

/** One settings field as the form shows it: its path (`rules.*.pattern`), English texts and choices. */
export type SettingField = {
  path: string;
  label?: string;
  help?: string;
  placeholder?: string;
  /** The values of a choice field (enum, const, or a union of those). */
  options?: string[];
  /** An array of objects: the form shows one card per item. */
  group: boolean;
};

function optionsOf(schema: Schema): unknown[] | null {
  if (schema.enum) return schema.enum;
  if (schema.const !== undefined) return [schema.const];
  const union = schema.anyOf ?? schema.oneOf;
  if (!union) return null;
  const parts = union.map(optionsOf);
  return parts.every((p) => p) ? parts.flat() : null;
}

function walk(schema: Schema, path: string, out: SettingField[]) {
  if (path) {
    const options = optionsOf(schema);
    out.push({
      path,
      ...(schema.label !== undefined && { label: schema.label }),
      ...(schema.help !== undefined && { help: schema.help }),
      ...(schema.placeholder !== undefined && { placeholder: schema.placeholder }),
      ...(options && { options: options.map(String) }),
      group: schema.type === "array" && schema.items?.type === "object",
    });
  }
  for (const [key, field] of Object.entries(schema.properties ?? {})) walk(field, path ? `${path}.${key}` : key, out);
  if (schema.items) walk(schema.items, `${path}.*`, out);
}

const fieldsCache = new WeakMap<NodeSpec, SettingField[]>();

/** Every field of a node type's settings, walked from the same JSON schema the settings form reads. */
export function settingFields(spec: NodeSpec): SettingField[] {
  let fields = fieldsCache.get(spec);
  if (!fields) {
    fields = [];
    try {
      walk(z.toJSONSchema(spec.settings, { io: "input", unrepresentable: "any" }) as Schema, "", fields);
    } catch {
      // A schema JSON Schema cannot express has no form, so no texts either.
    }
    fieldsCache.set(spec, fields);
  }
  return fields;
}

/** The path the texts use for a concrete form path: `rules.0.pattern` → `rules.*.pattern`. */
export const textPath = (path: string) => path.replace(/(^|\.)\d+(?=\.|$)/g, "$1*");

/** "timeoutSeconds" -> "Timeout seconds", for fields without a label. */
export const humanize = (key: string) =>
  sentence(
    key
      .replace(/([a-z])([A-Z])/g, "$1 $2")
      .replace(/[-_.]+/g, " ")
      .toLowerCase(),
  );

export const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "Rules" -> "Rule": names one item of a repeated group (English; a language names items itself). */
export const singular = (label: string) => label.replace(/ies$/, "y").replace(/s$/, "");

/**
 * A settings path as a reader names it in `locale`: each level's label (a field without one
 * humanized), an item by its group's item name and number: `rules.1.pattern` → "Rule 2 › Keywords or pattern".
 */
export function settingLabel(spec: NodeSpec, path: string, locale: Locale): string {
  const text = nodeText(spec, locale);
  const keys = path.split(".").filter(Boolean);
  const parts: string[] = [];
  keys.forEach((key, i) => {
    if (!/^\d+$/.test(key)) {
      parts.push(text.setting(keys.slice(0, i + 1).join(".")).label ?? humanize(key));
      return;
    }
    const group = parts.pop() ?? "Item";
    parts.push(`${text.setting(keys.slice(0, i).join(".")).item ?? singular(group)} ${Number(key) + 1}`);
  });
  return parts.join(" › ");
}

/** The label of a palette group in a language. */
export function categoryLabel(category: NodeCategory, locale: Locale): string {
  const found = NODE_CATEGORIES.find((c) => c.id === category);
  if (!found) return category;
  return locale === "en" ? found.label : found[locale].label;
}

const idPatterns = new Map<string, RegExp>();
/** The number `{n}` stands for when `key` names port `id` (`""` for a key without `{n}`), or null. */
function matchPortKey(key: string, id: string): string | null {
  if (!key.includes("{n}")) return key === id ? "" : null;
  let re = idPatterns.get(key);
  if (!re) {
    const source = key
      .split("{n}")
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("(\\d+)");
    idPatterns.set(key, (re = new RegExp(`^${source}$`)));
  }
  return re.exec(id)?.[1] ?? null;
}

/**
 * A port's label in a language, from the texts' `ports` (see {@link NodeTexts}): fixed words are
 * translated, labels the user typed (rule names, outcomes, buttons) come back as they are.
 */
export function translatePort(ports: NodeTexts["ports"], id: string, label: string): string {
  for (const [key, text] of Object.entries(ports ?? {})) {
    const n = matchPortKey(key, id);
    if (n === null) continue;
    const fill = (t: string) => t.replaceAll("{n}", n);
    if (typeof text === "string") return fill(text);
    for (const [english, translated] of Object.entries(text)) if (fill(english) === label) return fill(translated);
    return label;
  }
  return label;
}

/** A node type's texts in one language, as the palette, the canvas and the settings form show them. */
export type NodeText = {
  locale: Locale;
  title: string;
  description: string;
  keywords: string[];
  /** The palette group's name. */
  category: string;
  /** Per settings field (keyed like `rules.*.pattern`): label, help, placeholder, and a group's item name. */
  settings: Record<string, FieldTexts>;
  /** The texts of the field at a form path (`rules.0.pattern` or `rules.*.pattern`); empty when it has none. */
  setting(path: string): FieldTexts;
  /** Labels of choice values per field; English has none (the form humanizes the raw value). */
  options: Record<string, Record<string, string>>;
  /** The label of one value of a choice field, or undefined where the language has none. */
  option(path: string, value: unknown): string | undefined;
  /** An output port's label, given its id and the English label `outputs(settings)` returned. */
  port(id: string, label: string): string;
  /** `outputs(settings)` with their labels in this language. */
  ports(list: Port[]): Port[];
  /** The canvas line under the title for parsed settings: `ru.summary`, else the spec's own `summary`. */
  summary(settings: Record<string, unknown>): string;
};

const texts = new Map<Locale, WeakMap<NodeSpec, NodeText>>();

/**
 * A node type's texts in `locale`. English is the spec's own fields, exactly; Russian comes from
 * the spec's `ru` block (English only where a text is missing there, which the tests forbid).
 * Pure and browser-safe; cached per spec and locale.
 */
export function nodeText(spec: NodeSpec, locale: Locale): NodeText {
  let cache = texts.get(locale);
  if (!cache) texts.set(locale, (cache = new WeakMap()));
  let text = cache.get(spec);
  if (!text) cache.set(spec, (text = build(spec, locale)));
  return text;
}

function build(spec: NodeSpec, locale: Locale): NodeText {
  const own: NodeTexts | null = locale === "en" ? null : spec[locale];
  const settings: Record<string, FieldTexts> = {};
  for (const field of settingFields(spec)) {
    const english: FieldTexts = {
      ...(field.label !== undefined && { label: field.label }),
      ...(field.help !== undefined && { help: field.help }),
      ...(field.placeholder !== undefined && { placeholder: field.placeholder }),
    };
    const translated = (own?.settings as Record<string, FieldTexts> | undefined)?.[field.path];
    const merged = own ? { ...english, ...translated } : english;
    if (Object.keys(merged).length > 0) settings[field.path] = merged;
  }
  const options = ((own ? own.options : spec.options) ?? {}) as Record<string, Record<string, string>>;
  return {
    locale,
    title: own?.title ?? spec.title,
    description: own?.description ?? spec.description,
    keywords: own?.keywords ?? spec.keywords ?? [],
    category: categoryLabel(spec.category, locale),
    settings,
    setting: (path) => settings[textPath(path)] ?? {},
    options,
    option: (path, value) => options[textPath(path)]?.[String(value)],
    port: (id, label) => (own ? translatePort(own.ports, id, label) : label),
    ports: (list) => (own ? list.map((p) => ({ ...p, label: translatePort(own.ports, p.id, p.label) })) : list),
    summary: (settings) => (own?.summary ? own.summary(settings) : spec.summary(settings)),
  };
}
