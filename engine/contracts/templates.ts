import type { FlowDocument } from "./flow";

/** A scenario template: a ready flow with the test cases that prove it works. The engine is handed its templates (engine options). */
export type FlowTemplate = {
  id: string;
  name: string;
  description: string;
  document: FlowDocument & { tests: NonNullable<FlowDocument["tests"]> };
};
