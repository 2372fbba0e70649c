import { abandonedFormCall } from "./abandoned-form-call";
import { chatToCall } from "./chat-to-call";
import { complaintRouting } from "./complaint-routing";
import { fraudAlert } from "./fraud-alert";
import { parcelStatus } from "./parcel-status";
import { queueAutoReply } from "./queue-auto-reply";
import { supportChat } from "./support-chat";
import { telegramFaqBot } from "./telegram-faq-bot";
import type { FlowTemplate } from "./template";

/** The template gallery. Every template's test cases run in `npm test` (tests/flows). */
export const flowTemplates: readonly FlowTemplate[] = [
  supportChat,
  complaintRouting,
  fraudAlert,
  chatToCall,
  abandonedFormCall,
  parcelStatus,
  telegramFaqBot,
  queueAutoReply,
];

export function findTemplate(id: string): FlowTemplate | undefined {
  return flowTemplates.find((t) => t.id === id);
}
