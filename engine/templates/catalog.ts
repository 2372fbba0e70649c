import { supportChat } from "./support-chat";
import type { FlowTemplate } from "./template";

/** The template gallery. Every template's test cases run in `npm test` (tests/flows). */
export const flowTemplates: readonly FlowTemplate[] = [supportChat];

export function findTemplate(id: string): FlowTemplate | undefined {
  return flowTemplates.find((t) => t.id === id);
}
