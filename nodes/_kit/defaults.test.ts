import { describe, expect, it } from "vitest";
import * as z from "zod";
import { newNode } from "@/app/flows/[flowId]/_editor/document-ops";
import type { FlowDocument } from "@/engine/contracts/flow";
import { nodeSpecs } from "../registry";

type Schema = { properties?: Record<string, Schema>; items?: Schema; default?: unknown; enum?: unknown[]; const?: unknown; anyOf?: Schema[]; oneOf?: Schema[] };

/** A choice (enum, const, a union of those, or a list of them): its values are ids, their labels are translated. */
const isChoice = (s: Schema): boolean =>
  Boolean(s.enum) || s.const !== undefined || Boolean((s.anyOf ?? s.oneOf)?.every(isChoice)) || (s.items !== undefined && isChoice(s.items));

/**
 * English defaults with letters that are not read by people as prose: ids, names of queues and
 * variables, time zones, links, and outcomes (an outcome is also its output's id and the value
 * recorded on the task). They stay the same in every language.
 */
const NOT_PROSE: Record<string, string[]> = {
  "crm.case": ["type"],
  "flow.call-subflow": ["resultVariable"],
  "flow.end": ["outcome"],
  "logic.business-hours": ["timeZone"],
  "message.ask": ["variable"],
  "message.offer-channel-switch": ["queue", "linkBase"],
  "routing.operator-task": ["queue", "outcomes", "timeZone"],
  "trigger.schedule": ["timeZone"],
  "trigger.webhook": ["hook"],
};

const hasLetters = (value: unknown): boolean => (typeof value === "string" ? /\p{L}/u.test(value) : Array.isArray(value) && value.some(hasLetters));

/** Top-level settings whose default is text with letters (choices excluded: their labels are translated). */
function textDefaults(settings: z.ZodType): string[] {
  const schema = z.toJSONSchema(settings, { io: "input", unrepresentable: "any" }) as Schema;
  return Object.entries(schema.properties ?? {})
    .filter(([, field]) => !isChoice(field) && hasLetters(field.default))
    .map(([key]) => key);
}

const doc: FlowDocument = { nodes: [], edges: [] } as unknown as FlowDocument;

describe("defaults in the flow's language", () => {
  it.each(nodeSpecs.map((spec) => [spec.type, spec] as const))("%s: every English text default has a Russian one", (type, spec) => {
    const texts = textDefaults(spec.settings).filter((key) => !NOT_PROSE[type]?.includes(key));
    const ru = Object.keys(spec.ru.defaults ?? {});
    expect(ru.sort()).toEqual(texts.sort());
  });

  it("the exceptions name real English text defaults", () => {
    for (const [type, keys] of Object.entries(NOT_PROSE)) {
      const spec = nodeSpecs.find((s) => s.type === type);
      expect(spec && textDefaults(spec.settings)).toEqual(expect.arrayContaining(keys));
    }
  });

  it.each(nodeSpecs.map((spec) => [spec.type, spec] as const))("%s: the Russian defaults are valid settings", (_type, spec) => {
    const ru = spec.ru.defaults ?? {};
    const parsed = spec.settings.safeParse(ru);
    const issues = parsed.success ? [] : parsed.error.issues.filter((i) => Object.hasOwn(ru, String(i.path[0])));
    expect(issues).toEqual([]);
  });

  it.each(nodeSpecs.map((spec) => [spec.type, spec] as const))("%s: newNode in English gives the schema's defaults", (type, spec) => {
    const parsed = spec.settings.safeParse({});
    expect(newNode(doc, type, { x: 0, y: 0 }, "en").settings).toEqual(parsed.success ? parsed.data : {});
  });

  it("newNode in Russian starts texts people read in Russian", () => {
    expect(newNode(doc, "message.ask", { x: 0, y: 0 }, "ru").settings).toEqual({ retryText: "Извините, не удалось разобрать ответ." });
    const task = newNode(doc, "routing.operator-task", { x: 0, y: 0 }, "ru").settings;
    const english = newNode(doc, "routing.operator-task", { x: 0, y: 0 }, "en").settings;
    expect(task).toEqual({ ...english, title: "Помочь клиенту {{customer.name}}" });
    const offer = newNode(doc, "message.offer-channel-switch", { x: 0, y: 0 }, "ru").settings;
    expect(offer).toMatchObject({ accept: "Да, пожалуйста", decline: "Нет, спасибо", queue: "callbacks", linkBase: "https://t.me/omniflow_bot?start=" });
  });
});
