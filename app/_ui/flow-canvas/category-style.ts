import type { NodeCategory } from "@/nodes/_kit/define-node";
import type { DiffMark } from "./convert";

/** One colour per palette category, shared by the palette, the nodes and the minimap. */
export const categoryStyle: Record<NodeCategory, { chip: string; color: string }> = {
  trigger: { chip: "bg-emerald-100 text-emerald-700", color: "#10b981" },
  logic: { chip: "bg-amber-100 text-amber-700", color: "#f59e0b" },
  message: { chip: "bg-sky-100 text-sky-700", color: "#0ea5e9" },
  data: { chip: "bg-teal-100 text-teal-700", color: "#14b8a6" },
  crm: { chip: "bg-pink-100 text-pink-700", color: "#ec4899" },
  routing: { chip: "bg-violet-100 text-violet-700", color: "#8b5cf6" },
  flow: { chip: "bg-slate-200 text-slate-700", color: "#64748b" },
};

export const unknownStyle = { chip: "bg-rose-100 text-rose-700", color: "#f43f5e" };

/** A comparison's badge per mark, on the canvas and in the list of changes: green added, amber changed, red removed. */
export const diffBadge: Record<DiffMark, string> = {
  added: "bg-emerald-600 text-white",
  changed: "bg-amber-500 text-white",
  removed: "bg-rose-600 text-white",
  moved: "bg-slate-200 text-slate-700",
};
