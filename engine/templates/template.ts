import type { FlowDocument } from "../contracts/flow";

/** A scenario template: a ready flow with the test cases that prove it works. */
export type FlowTemplate = {
  id: string;
  name: string;
  description: string;
  document: FlowDocument & { tests: NonNullable<FlowDocument["tests"]> };
};
