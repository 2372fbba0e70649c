import type { z } from "zod";
import { flowDocumentSchema } from "../engine/contracts/flow";
import type { FlowTemplate } from "../engine/contracts/templates";

export type { FlowTemplate };

/** Declares a template; its document is parsed like an imported flow (defaults filled, mistakes caught at load). */
export function defineTemplate(t: Omit<FlowTemplate, "document"> & { document: z.input<typeof flowDocumentSchema> }): FlowTemplate {
  const document = flowDocumentSchema.parse(t.document);
  return { ...t, document: { ...document, tests: document.tests ?? [] } };
}
