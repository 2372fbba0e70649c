import { describe, expect, it } from "vitest";
import { compileFlow } from "../../engine/compiler/compile";
import { type FlowDocument, flowDocumentSchema } from "../../engine/contracts/flow";
import { TEMPLATE_LANGUAGES } from "../../engine/contracts/templates";
import { runTestCase } from "../../engine/simulate/simulate";
import { flowTemplates } from "../../templates/catalog";

const localized = flowTemplates.flatMap((t) =>
  TEMPLATE_LANGUAGES.flatMap((language) => {
    const doc = t.languages[language];
    return doc ? [[`${t.languages.en.name} (${language})`, doc] as const] : [];
  }),
);

// Every template, in every language, imports, validates and passes its saved test cases (issue: scenario templates).
describe.each(localized)("template %s", (_name, template) => {
  it("is a valid flow document that compiles without issues", () => {
    const doc = flowDocumentSchema.parse(JSON.parse(JSON.stringify(template.document)));
    expect(compileFlow(doc).issues).toEqual([]);
    expect(template.document.tests.length).toBeGreaterThan(0);
  });

  it.each(template.document.tests.map((t) => [t.name, t] as const))("test case: %s", (_case, test) => {
    const { failures } = runTestCase(template.document, test);
    expect(failures).toEqual([]);
  });
});

/** Edges with an operator task's outcome port named by its place in the task's outcomes (the outcome is words in the flow's language). */
const neutralEdges = (document: FlowDocument) =>
  document.edges.map((edge) => {
    const outcomes = document.nodes.find((n) => n.id === edge.source)?.settings.outcomes;
    const index = Array.isArray(outcomes) ? outcomes.indexOf(edge.sourcePort.replace(/^outcome-/, "")) : -1;
    return index === -1 || !edge.sourcePort.startsWith("outcome-") ? edge : { ...edge, sourcePort: `outcome #${index + 1}` };
  });

describe("template languages", () => {
  it.each(flowTemplates.map((t) => [t.id, t] as const))("%s is written in every language, with the same structure", (_id, template) => {
    const en = template.languages.en;
    expect({ name: template.name, description: template.description, document: template.document }).toEqual(en);
    for (const language of TEMPLATE_LANGUAGES) {
      const doc = template.languages[language];
      expect(doc, `${template.id} has no "${language}" version`).toBeDefined();
      if (!doc) continue;
      // Node ids, types, positions and wiring are language-neutral; only texts differ.
      expect(doc.document.nodes.map(({ id, type, position }) => ({ id, type, position }))).toEqual(
        en.document.nodes.map(({ id, type, position }) => ({ id, type, position })),
      );
      expect(neutralEdges(doc.document)).toEqual(neutralEdges(en.document));
      if (language !== "en") expect(doc.name).not.toBe(en.name);
    }
  });
});
