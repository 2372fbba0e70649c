import { describe, expect, it } from "vitest";
import { compileFlow } from "../../engine/compiler/compile";
import { flowDocumentSchema } from "../../engine/contracts/flow";
import { runTestCase } from "../../engine/simulate/simulate";
import { flowTemplates } from "../../templates/catalog";

// Every template imports, validates and passes its saved test cases (issue: scenario templates).
describe.each(flowTemplates.map((t) => [t.name, t] as const))("template %s", (_name, template) => {
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
