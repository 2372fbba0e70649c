import type { ReactNode } from "react";

const tones = {
  gray: "bg-slate-100 text-slate-700 ring-slate-500/20",
  green: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  amber: "bg-amber-50 text-amber-800 ring-amber-600/20",
  blue: "bg-sky-50 text-sky-700 ring-sky-600/20",
  indigo: "bg-indigo-50 text-indigo-700 ring-indigo-600/20",
  red: "bg-rose-50 text-rose-700 ring-rose-600/20",
};

export type BadgeTone = keyof typeof tones;

export function Badge({ tone = "gray", children, ...rest }: { tone?: BadgeTone; children: ReactNode; "data-testid"?: string }) {
  return (
    <span
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${tones[tone]}`}
      {...rest}
    >
      {children}
    </span>
  );
}
