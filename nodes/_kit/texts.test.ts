import { describe, expect, it } from "vitest";
import * as z from "zod";
import { nodeSpecs } from "../registry";
import { NODE_CATEGORIES, type FieldTexts, type NodeSpec, type Port } from "./define-node";
import { ruCount, ruPlural } from "./ru";
import { nodeText, settingFields, textPath } from "./texts";

/** Texts that are the same in Russian and English: a name or an acronym, not a missing translation. */
const SAME_WORDS = new Set(["CRM", "Telegram", "Viber"]);
/** Placeholders that show a value typed as code (a slug, cron, time zone, regex, URL, `name = value`, a variable name). */
const CODE_PLACEHOLDERS = new Set([
  "0 9 * * 1-5",
  "Europe/Moscow",
  "^\\d{6}$",
  'vars.amount > 1000 and customer.channel == "webchat"',
  "https://crm.example.com/orders/{{vars.orderId}}",
  "amount = {{vars.amount}}",
  "country = {{vars.country}}",
  "tier = gold",
  "support",
  "senior-support",
  "card-block",
  "fraud",
  "plan",
  "A",
]);
/** Choice fields whose raw values are what a person expects to read (HTTP methods). */
const RAW_OPTIONS = new Set(["data.http-request:method"]);

const TEXT_KEYS = ["label", "help", "placeholder"] as const;
const CYRILLIC = /[а-яё]/i;
const placeholders = (text: string) => [...text.matchAll(/\{\{[^}]*\}\}/g)].map((m) => m[0]).sort();
/** How the settings form shows a raw choice value today (app/_ui/flow-canvas `humanize`). */
const humanize = (key: string) => {
  const text = key
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/[-_.]+/g, " ")
    .toLowerCase();
  return text.charAt(0).toUpperCase() + text.slice(1);
};

/** A Russian text is there, is not blank and is not the English left in place. */
function expectTranslated(where: string, english: string, russian: string | undefined, kind: "text" | "placeholder" = "text") {
  expect(russian?.trim(), `${where}: no Russian for "${english}"`).toBeTruthy();
  if (SAME_WORDS.has(english) || (kind === "placeholder" && CODE_PLACEHOLDERS.has(english))) return;
  expect(russian, `${where}: the Russian is the English "${english}"`).not.toBe(english);
  if (kind === "text") expect(russian, `${where}: "${russian}" has no Russian words`).toMatch(CYRILLIC);
  expect(placeholders(russian!), `${where}: {{placeholders}} differ from the English`).toEqual(placeholders(english));
}

type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  minimum?: number;
  maximum?: number;
};
const jsonSchema = (spec: NodeSpec) => z.toJSONSchema(spec.settings, { io: "input", unrepresentable: "any" }) as Schema;
const choices = (s: Schema): unknown[] | null =>
  s.enum ?? (s.const !== undefined ? [s.const] : s.anyOf?.every((p) => choices(p)) ? s.anyOf.flatMap((p) => choices(p)!) : null);

/** Settings that bring out every port a node can show: its defaults and examples, each varied one field at a time. */
function settingsVariants(spec: NodeSpec): Record<string, unknown>[] {
  const bases = [{}, ...(spec.examples ?? []).map((e) => e.settings)].flatMap((input) => {
    const parsed = spec.settings.safeParse(input);
    return parsed.success ? [parsed.data] : [];
  });
  const out = [...bases];
  for (const base of bases) {
    for (const [key, field] of Object.entries(jsonSchema(spec).properties ?? {})) {
      const { minimum: min = 0, maximum: max = 100 } = field;
      const values =
        choices(field) ??
        (field.type === "boolean" ? [true, false] : null) ??
        (field.type === "number" || field.type === "integer" ? [min, min + 1, 1, 2, 3, 5, 30, max].filter((n) => n >= min && n <= max) : []);
      for (const value of values) out.push({ ...base, [key]: value });
      // Items with their typed texts left empty: ports then fall back to fixed words ("Rule 1").
      const items = field.items?.properties;
      if (field.type === "array" && items && Array.isArray(base[key])) {
        const blank = (item: Record<string, unknown>) =>
          Object.fromEntries(Object.entries(item).map(([k, v]) => [k, items[k]?.type === "string" && !choices(items[k]) ? "" : v]));
        out.push({ ...base, [key]: (base[key] as Record<string, unknown>[]).map(blank) });
      }
    }
  }
  return out;
}

const strings = (value: unknown): string[] =>
  typeof value === "string" ? [value] : value && typeof value === "object" ? Object.values(value).flatMap(strings) : [];

/** Every port the variants produce, and whether its label is data the user typed (found in the settings). */
function observedPorts(spec: NodeSpec): (Port & { data: boolean })[] {
  const seen = new Map<string, Port & { data: boolean }>();
  for (const settings of settingsVariants(spec)) {
    let ports: Port[] = [];
    try {
      ports = spec.outputs(settings as never);
    } catch {
      continue;
    }
    const typed = new Set(strings(settings));
    for (const port of ports) if (port.label) seen.set(`${port.id}\u0000${port.label}`, { ...port, data: typed.has(port.label) });
  }
  return [...seen.values()];
}

/** Whether a key of `ru.ports` (an id or English label, `{n}` for a number) names `text`. */
const keyMatches = (key: string, text: string) =>
  new RegExp(
    `^${key
      .split("{n}")
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join("\\d+")}$`,
  ).test(text);

describe("node texts: every English text has its Russian", () => {
  it("covers all 30 node types", () => {
    expect(nodeSpecs).toHaveLength(30);
  });

  it.each(NODE_CATEGORIES.map((c) => [c.id, c] as const))("category %s", (_id, category) => {
    expectTranslated(`category ${category.id}`, category.label, category.ru.label);
  });

  describe.each(nodeSpecs.map((spec) => [spec.type, spec] as const))("%s", (type, spec) => {
    const ru = spec.ru;
    const fields = settingFields(spec);
    const byPath = new Map(fields.map((f) => [f.path, f]));

    it("title, description and search words", () => {
      expectTranslated(`${type} title`, spec.title, ru.title);
      expectTranslated(`${type} description`, spec.description, ru.description);
      expect(ru.keywords.length, `${type}: no Russian search words`).toBeGreaterThan(0);
      for (const word of ru.keywords) expect(word.trim(), `${type}: a blank search word`).toBeTruthy();
      expect(
        ru.keywords.some((w) => CYRILLIC.test(w)),
        `${type}: no Russian among the search words`,
      ).toBe(true);
    });

    it("every settings field's label, help and placeholder", () => {
      const own = (ru.settings ?? {}) as Record<string, FieldTexts>;
      for (const field of fields) {
        for (const key of TEXT_KEYS) {
          const english = field[key];
          if (english !== undefined) expectTranslated(`${type} ${field.path}.${key}`, english, own[field.path]?.[key], key === "placeholder" ? key : "text");
        }
        if (field.group && field.label) expectTranslated(`${type} ${field.path}.item`, field.label, own[field.path]?.item);
      }
    });

    it("names no field, text or item that does not exist (stale keys)", () => {
      for (const [path, texts] of Object.entries((ru.settings ?? {}) as Record<string, FieldTexts>)) {
        const field = byPath.get(path);
        expect(field, `${type}: ru.settings names "${path}", which is no settings field`).toBeDefined();
        for (const key of TEXT_KEYS) if (texts[key] !== undefined) expect(field?.[key], `${type}: ${path}.${key} has no English`).toBeDefined();
        if (texts.item !== undefined) expect(field?.group, `${type}: ${path}.item on a field that is not a group`).toBe(true);
      }
    });

    it("the choices of every choice field", () => {
      const own = (ru.options ?? {}) as Record<string, Record<string, string>>;
      for (const field of fields.filter((f) => f.options && !RAW_OPTIONS.has(`${type}:${f.path}`))) {
        for (const value of field.options!) expectTranslated(`${type} ${field.path} = ${value}`, humanize(value), own[field.path]?.[value], "placeholder");
      }
      for (const [path, labels] of Object.entries(own)) {
        const values = byPath.get(path)?.options;
        expect(values, `${type}: ru.options names "${path}", which is no choice field`).toBeDefined();
        for (const value of Object.keys(labels)) expect(values, `${type}: ru.options.${path} names the value "${value}"`).toContain(value);
      }
    });

    it("every fixed port label; labels the user typed stay as they are", () => {
      const ports = observedPorts(spec);
      const text = nodeText(spec, "ru");
      for (const port of ports) {
        const russian = text.port(port.id, port.label);
        if (port.data) expect(russian, `${type} port ${port.id}: "${port.label}" is typed by the user`).toBe(port.label);
        else expectTranslated(`${type} port ${port.id}`, port.label, russian);
      }
      for (const [key, value] of Object.entries(ru.ports ?? {})) {
        const matching = ports.filter((p) => keyMatches(key, p.id));
        expect(matching.length, `${type}: ru.ports names "${key}", which is no port`).toBeGreaterThan(0);
        if (typeof value === "string") continue;
        for (const english of Object.keys(value)) {
          const shown = matching.some((p) => keyMatches(english, p.label));
          expect(shown, `${type}: ru.ports.${key} translates "${english}", which no port shows`).toBe(true);
        }
      }
    });
  });
});

describe("nodeText", () => {
  it.each(nodeSpecs.map((spec) => [spec.type, spec] as const))("%s in English is exactly the spec's own text", (_type, spec) => {
    const en = nodeText(spec, "en");
    expect(en.title).toBe(spec.title);
    expect(en.description).toBe(spec.description);
    expect(en.keywords).toEqual(spec.keywords ?? []);
    expect(en.category).toBe(NODE_CATEGORIES.find((c) => c.id === spec.category)!.label);
    // Read the schema's .meta() independently of settingFields.
    const expected: Record<string, FieldTexts> = {};
    const walk = (schema: Schema & FieldTexts, path: string) => {
      const texts = Object.fromEntries(TEXT_KEYS.flatMap((k) => (schema[k] === undefined ? [] : [[k, schema[k]]])));
      if (path && Object.keys(texts).length) expected[path] = texts;
      for (const [key, field] of Object.entries(schema.properties ?? {})) walk(field, path ? `${path}.${key}` : key);
      if (schema.items) walk(schema.items, `${path}.*`);
    };
    walk(jsonSchema(spec), "");
    expect(en.settings).toEqual(expected);
    expect(en.options).toEqual(spec.options ?? {});
    for (const port of observedPorts(spec)) expect(en.port(port.id, port.label)).toBe(port.label);
  });

  const find = (type: string) => nodeSpecs.find((s) => s.type === type)!;

  it("names channels in English as people write them, not as their ids", () => {
    const trigger = nodeText(find("trigger.message-received"), "en");
    expect(["sms", "whatsapp", "vk", "webchat", "any"].map((v) => trigger.option("channel", v))).toEqual(["SMS", "WhatsApp", "VK", "Web chat", "Any channel"]);
    expect(trigger.summary({ channel: "sms", on: "any-message" })).toBe("On SMS");
  });

  it("reads a form's concrete paths and keeps typed port labels", () => {
    const textMatch = find("logic.text-match");
    expect(textPath("rules.12.pattern")).toBe("rules.*.pattern");
    expect(nodeText(textMatch, "en").setting("rules.0.pattern")).toEqual({ label: "Keywords or pattern", placeholder: "hours, open, schedule" });
    const ru = nodeText(textMatch, "ru");
    expect(ru.setting("rules.3.pattern")).toEqual({ label: "Ключевые слова или шаблон", placeholder: "часы, открыто, график" });
    expect(ru.setting("rules")).toEqual({ label: "Правила", item: "Правило" });
    expect(
      ru.ports([
        { id: "rule-1", label: "Hours" },
        { id: "rule-2", label: "Rule 2" },
        { id: "else", label: "Else" },
      ]),
    ).toEqual([
      { id: "rule-1", label: "Hours" },
      { id: "rule-2", label: "Правило 2" },
      { id: "else", label: "Иначе" },
    ]);
    expect(ru.category).toBe("Условия");
  });

  it("translates choices and labels that depend on the settings", () => {
    const task = nodeText(find("routing.operator-task"), "ru");
    expect(task.option("priority", "urgent")).toBe("Срочный");
    expect(task.port("outcome-resolved", "resolved")).toBe("resolved");
    expect(task.port("sla-breached", "SLA breached")).toBe("SLA нарушен");
    expect(nodeText(find("routing.operator-task"), "en").option("priority", "urgent")).toBeUndefined();
    const offer = nodeText(find("message.offer-channel-switch"), "ru");
    expect(offer.port("switched", "Link sent")).toBe("Ссылка отправлена");
    expect(nodeText(find("message.send"), "ru").option("channel", "webchat")).toBe("Веб-чат");
  });
});

/**
 * The fixed English words of each summary that has a Russian one (`ru.summary`); values the user
 * typed or picked appear raw in English (`urgent`, `webchat`), so the words cover those too.
 */
const SUMMARY_WORDS: Record<string, string[]> = {
  "crm.case": ["open", "pending", "resolved", "closed", "low", "high", "urgent"],
  "crm.update-customer": ["Set", "No", "fields"],
  "data.set-variable": ["number", "boolean"],
  "flow.call-subflow": ["input", "inputs"],
  "flow.join": ["When", "every", "branch", "is", "done", "the", "first", "others", "stop"],
  "flow.loop-guard": ["At", "most", "pass", "passes"],
  "flow.parallel": ["branches", "at", "once"],
  "logic.business-hours": ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Always", "closed"],
  // English names channels by their titles; the brands Russian writes the same (SMS, Telegram, …) are not fixed words.
  "logic.channel-is": ["Web chat", "Phone", "VK"],
  "logic.intent": ["No", "intents", "yet"],
  "logic.sentiment": ["Negative", "positive"],
  "logic.text-match": ["No", "rules", "yet"],
  "message.offer-channel-switch": ["Call", "back", "via", "within", "min", "Continue", "in"],
  "message.send": ["Web chat", "Phone", "VK"],
  "message.wait-reply": ["Timeout", "after", "Waits", "forever", "d", "h", "min", "s"],
  "routing.escalate": ["To", "supervisors", "low", "normal", "high", "urgent", "min"],
  "routing.notify": ["warning", "critical", "supervisors", "operators", "skill"],
  "routing.operator-task": ["Queue", "needs", "low", "high", "urgent", "min", "steps"],
  "timer.delay": ["Wait", "minute", "minutes", "hour", "hours", "day", "days"],
  "trigger.message-received": ["Any", "channel", "On", "first", "message", "webchat", "email", "sms", "phone"],
  "trigger.operator-started": ["From", "the", "operator", "workspace"],
  "trigger.subflow-called": ["Inputs", "No", "inputs"],
};
/** Nodes whose summary is only settings data (an outcome, a URL, a question): no `ru.summary`, the English one is shown. */
const DATA_SUMMARIES = [
  "data.http-request",
  "flow.end",
  "logic.ab-split",
  "logic.expression",
  "message.ask",
  "trigger.crm-event",
  "trigger.schedule",
  "trigger.webhook",
];
/** Code a data summary puts around the data: `→ vars.x`, `POST /api/hooks/x`. */
const CODE_WORDS = new Set(["vars", "POST", "api", "hooks"]);

const hasWord = (text: string, word: string) => new RegExp(`(?<![A-Za-z])${word}(?![A-Za-z])`).test(text);
/** Parsed settings to show a summary for: defaults, examples and their variants (those whose English summary works). */
const summarySettings = (spec: NodeSpec) =>
  settingsVariants(spec).filter((settings) => {
    try {
      spec.summary(settings as never);
      return true;
    } catch {
      return false;
    }
  });

describe("summaries in Russian", () => {
  it("every node either has a Russian summary or a summary made only of data", () => {
    const declared = nodeSpecs.filter((s) => s.ru.summary).map((s) => s.type);
    expect(declared.sort()).toEqual(Object.keys(SUMMARY_WORDS).sort());
    expect(
      nodeSpecs
        .filter((s) => !s.ru.summary)
        .map((s) => s.type)
        .sort(),
    ).toEqual([...DATA_SUMMARIES].sort());
  });

  describe.each(nodeSpecs.map((spec) => [spec.type, spec] as const))("%s", (type, spec) => {
    const variants = summarySettings(spec);

    it("English is the spec's own summary", () => {
      expect(variants.length).toBeGreaterThan(0);
      for (const settings of variants) expect(nodeText(spec, "en").summary(settings)).toBe(spec.summary(settings as never));
    });

    it.runIf(type in SUMMARY_WORDS)("Russian is there, without the English summary's fixed words", () => {
      const words = SUMMARY_WORDS[type]!;
      const seen = new Set<string>();
      for (const settings of variants) {
        const english = spec.summary(settings as never);
        for (const word of words) if (hasWord(english, word)) seen.add(word);
        const russian = nodeText(spec, "ru").summary(settings);
        expect(russian.trim(), `${type}: empty Russian summary for ${JSON.stringify(settings)}`).toBeTruthy();
        for (const word of words) expect(hasWord(russian, word), `${type}: "${russian}" has the English "${word}"`).toBe(false);
      }
      expect(seen.size, `${type}: none of its fixed words shows in the English summary`).toBeGreaterThan(0);
    });

    it.runIf(DATA_SUMMARIES.includes(type))("the summary is only settings data, the same in Russian", () => {
      for (const settings of variants) {
        const english = spec.summary(settings as never);
        const data = JSON.stringify(settings);
        for (const [word] of english.matchAll(/[A-Za-z]+/g)) {
          if (!CODE_WORDS.has(word)) expect(data, `${type}: "${word}" in "${english}" is no settings data`).toContain(word);
        }
        expect(nodeText(spec, "ru").summary(settings)).toBe(english);
      }
    });
  });

  const find = (type: string) => nodeSpecs.find((s) => s.type === type)!;
  const ru = (type: string, input: Record<string, unknown>) => {
    const spec = find(type);
    return nodeText(spec, "ru").summary(spec.settings.parse(input));
  };

  it("keeps typed data and counts with Russian plurals", () => {
    expect(ru("routing.operator-task", { queue: "refunds", steps: ["Check", "Refund"] })).toBe("Очередь refunds · 2 шага");
    expect(ru("routing.operator-task", { queue: "refunds", steps: ["a", "b", "c", "d", "e"], priority: "urgent", slaMinutes: 30 })).toBe(
      "Очередь refunds · срочный · SLA 30 мин · 5 шагов",
    );
    expect(ru("routing.operator-task", { queue: "refunds", steps: ["Check"] })).toBe("Очередь refunds · 1 шаг");
    expect(ru("trigger.message-received", { channel: "any" })).toBe("Любой канал");
    expect(ru("trigger.message-received", { channel: "webchat", on: "first-message" })).toBe("Канал: Веб-чат · первое сообщение");
    expect(ru("flow.loop-guard", { maxIterations: 3 })).toBe("Не больше 3 проходов");
    expect(ru("flow.loop-guard", { maxIterations: 1 })).toBe("Не больше 1 прохода");
    expect(ru("flow.parallel", { branches: 3 })).toBe("3 ветки одновременно");
    expect(ru("flow.parallel", { branches: 5 })).toBe("5 веток одновременно");
    expect(ru("timer.delay", { amount: 1, unit: "hours" })).toBe("Ждать 1 час");
    expect(ru("timer.delay", { amount: 21, unit: "minutes" })).toBe("Ждать 21 минуту");
    expect(ru("timer.delay", { amount: 12, unit: "days" })).toBe("Ждать 12 дней");
    expect(ru("message.wait-reply", { timeoutSeconds: 300 })).toBe("Тайм-аут через 5 мин");
    expect(ru("flow.end", { outcome: "answered" })).toBe("answered");
  });
});

describe("ruPlural", () => {
  const forms = ["шаг", "шага", "шагов"] as const;
  it.each([
    [0, "шагов"],
    [1, "шаг"],
    [2, "шага"],
    [4, "шага"],
    [5, "шагов"],
    [11, "шагов"],
    [12, "шагов"],
    [14, "шагов"],
    [21, "шаг"],
    [22, "шага"],
    [25, "шагов"],
    [101, "шаг"],
    [111, "шагов"],
  ])("%i → %s", (n, word) => {
    expect(ruPlural(n, forms)).toBe(word);
  });
  it("ruCount puts the count first", () => expect(ruCount(3, forms)).toBe("3 шага"));
});
