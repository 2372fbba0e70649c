import { CalendarClock, Clock, CornerDownLeft, Globe, Hand, MessageSquare, Plug, UserRoundCheck, Webhook, Workflow, type LucideIcon } from "lucide-react";
import type { ScriptLine } from "./script";

/** How each kind of script line looks, in the order the buttons show. Its heading and button texts are simulate.script.kinds / .add in the catalogues. */
export const LINE_KINDS: Record<ScriptLine["do"], { icon: LucideIcon; tone: string }> = {
  message: { icon: MessageSquare, tone: "bg-sky-100 text-sky-700" },
  "crm-event": { icon: Webhook, tone: "bg-emerald-100 text-emerald-700" },
  webhook: { icon: Plug, tone: "bg-lime-100 text-lime-700" },
  schedule: { icon: CalendarClock, tone: "bg-orange-100 text-orange-700" },
  "operator-start": { icon: Hand, tone: "bg-fuchsia-100 text-fuchsia-700" },
  "subflow-call": { icon: Workflow, tone: "bg-cyan-100 text-cyan-700" },
  wait: { icon: Clock, tone: "bg-amber-100 text-amber-700" },
  "complete-task": { icon: UserRoundCheck, tone: "bg-violet-100 text-violet-700" },
  "http-response": { icon: Globe, tone: "bg-teal-100 text-teal-700" },
  "subflow-result": { icon: CornerDownLeft, tone: "bg-indigo-100 text-indigo-700" },
};
