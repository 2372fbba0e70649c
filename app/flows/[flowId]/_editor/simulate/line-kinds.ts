import { CalendarClock, Clock, CornerDownLeft, Globe, Hand, MessageSquare, Plug, UserRoundCheck, Webhook, Workflow, type LucideIcon } from "lucide-react";
import type { ScriptLine } from "./script";

/** How each kind of script line looks: `label` heads the line, `add` is its button; in the order the buttons show. */
export const LINE_KINDS: Record<ScriptLine["do"], { icon: LucideIcon; label: string; add: string; tone: string }> = {
  message: { icon: MessageSquare, label: "Customer writes", add: "Message", tone: "bg-sky-100 text-sky-700" },
  "crm-event": { icon: Webhook, label: "The CRM reports an event", add: "CRM event", tone: "bg-emerald-100 text-emerald-700" },
  webhook: { icon: Plug, label: "A system calls the webhook", add: "Webhook call", tone: "bg-lime-100 text-lime-700" },
  schedule: { icon: CalendarClock, label: "The schedule falls due", add: "Schedule due", tone: "bg-orange-100 text-orange-700" },
  "operator-start": { icon: Hand, label: "An operator starts the flow", add: "Operator starts", tone: "bg-fuchsia-100 text-fuchsia-700" },
  "subflow-call": { icon: Workflow, label: "Another flow calls this one", add: "Called by a flow", tone: "bg-cyan-100 text-cyan-700" },
  wait: { icon: Clock, label: "Time passes", add: "Wait", tone: "bg-amber-100 text-amber-700" },
  "complete-task": { icon: UserRoundCheck, label: "Operator completes the task", add: "Complete task", tone: "bg-violet-100 text-violet-700" },
  "http-response": { icon: Globe, label: "The API answers", add: "API answer", tone: "bg-teal-100 text-teal-700" },
  "subflow-result": { icon: CornerDownLeft, label: "The subflow ends", add: "Subflow result", tone: "bg-indigo-100 text-indigo-700" },
};
