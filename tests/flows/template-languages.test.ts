import { describe, expect, it } from "vitest";
import { EngineInputError } from "../../engine/contracts/errors";
import { STARTER_DOCUMENT, starterDocument } from "../../engine/contracts/flow";
import { useTestEngine } from "../../engine/testing/test-engine";
import { demoLanguage, seedDemo } from "../../prisma/seed";
import { flowTemplates } from "../../templates/catalog";
import { supportChat } from "../../templates/support-chat";

const t = useTestEngine();

describe("templates in a chosen language", () => {
  it("lists every template with its languages, in English by default", () => {
    const list = t.engine.flows.templates();
    expect(list.map((x) => x.id)).toEqual(flowTemplates.map((x) => x.id));
    expect(list[0]).toEqual({
      id: "support-chat",
      name: "Support chat",
      description: supportChat.description,
      language: "en",
      languages: ["en", "ru"],
      nodes: supportChat.document.nodes.length,
      tests: supportChat.document.tests.length,
    });
  });

  it("lists the Russian names and descriptions", () => {
    const list = t.engine.flows.templates("ru");
    expect(list.every((x) => x.language === "ru" && x.languages.includes("ru"))).toBe(true);
    expect(list.find((x) => x.id === "support-chat")).toMatchObject({ name: "Чат поддержки", language: "ru" });
    expect(list.find((x) => x.id === "fraud-alert")?.description).toMatch(/Оплата картой/);
  });

  it("creates the English draft without a language, as before", async () => {
    const { id } = await t.engine.flows.createFromTemplate("support-chat");
    const flow = await t.engine.flows.get(id);
    expect(flow.name).toBe("Support chat");
    expect(flow.document).toEqual(supportChat.document);
  });

  it("creates the Russian draft, with its Russian test cases passing", async () => {
    const { id } = await t.engine.flows.createFromTemplate("complaint-routing", "ru");
    const flow = await t.engine.flows.get(id);
    expect(flow.name).toBe("Маршрутизация жалоб");
    const sends = flow.document.nodes.filter((n) => n.type === "message.send").map((n) => String(n.settings.text));
    expect(sends.every((text) => /[а-яё]/i.test(text))).toBe(true);
    // Its e-mail cases need e-mail delivered: off in a bare test engine, so sandboxed here (Simulate asks the engine).
    t.engine.channels.setMode("email", "sandbox");
    const results = t.engine.flows.runTests(flow.document);
    expect(results.length).toBeGreaterThan(0);
    expect(results.filter((r) => !r.passed)).toEqual([]);
  });

  it("names the language in every Russian document and in no English one", () => {
    for (const template of flowTemplates) {
      expect("language" in template.languages.en.document, template.id).toBe(false);
      expect(template.document, template.id).toBe(template.languages.en.document);
      const ru = template.languages.ru;
      if (ru) expect(ru.document.language, template.id).toBe("ru");
    }
  });

  it("keeps the language in the created draft", async () => {
    const { id } = await t.engine.flows.createFromTemplate("chat-to-call", "ru");
    expect((await t.engine.flows.get(id)).document.language).toBe("ru");
  });

  it("starts a new flow in the creator's language, an English one without the field", async () => {
    expect(starterDocument()).toBe(STARTER_DOCUMENT);
    expect(starterDocument("en")).toBe(STARTER_DOCUMENT);
    expect("language" in STARTER_DOCUMENT).toBe(false);
    const { id } = await t.engine.flows.create("Новый сценарий", starterDocument("ru"));
    expect((await t.engine.flows.get(id)).document).toEqual({ ...STARTER_DOCUMENT, language: "ru" });
  });

  it("refuses an unknown language, naming the field", async () => {
    const attempt = t.engine.flows.createFromTemplate("support-chat", "de");
    await expect(attempt).rejects.toBeInstanceOf(EngineInputError);
    await expect(attempt).rejects.toMatchObject({ field: "language", message: expect.stringContaining('unknown language "de"') });
    await expect(t.engine.flows.createFromTemplate("nope", "ru")).rejects.toMatchObject({ field: "templateId" });
  });
});

describe("the demo's language", () => {
  it("is English unless OMNIFLOW_DEMO_LANGUAGE names another one", () => {
    expect(demoLanguage(undefined)).toBe("en");
    expect(demoLanguage("")).toBe("en");
    expect(demoLanguage("RU")).toBe("ru");
    expect(demoLanguage("klingon")).toBe("en");
  });

  it("seeds the Russian Support chat when asked", async () => {
    await seedDemo(t.engine, "ru");
    const [flow] = await t.engine.flows.list();
    expect(flow).toMatchObject({ name: "Чат поддержки", state: "published" });
    expect((await t.engine.flows.get(flow.id)).document).toEqual(supportChat.languages.ru?.document);
  });
});
