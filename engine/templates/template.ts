import type { z } from "zod";
import { flowDocumentSchema, type FlowDocument } from "../contracts/flow";

/** A scenario template: a ready flow with the test cases that prove it works. */
export type FlowTemplate = {
  id: string;
  name: string;
  description: string;
  document: FlowDocument & { tests: NonNullable<FlowDocument["tests"]> };
};

/** Declares a template; its document is parsed (defaults filled, mistakes caught at load). */
export function defineTemplate(t: Omit<FlowTemplate, "document"> & { document: z.input<typeof flowDocumentSchema> }): FlowTemplate {
  const document = flowDocumentSchema.parse(t.document);
  return { ...t, document: { ...document, tests: document.tests ?? [] } };
}
