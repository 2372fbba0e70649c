import type { InputHTMLAttributes } from "react";

/** Input look without vertical padding, for inputs that need another height. */
export const inputBase = [
  "block w-full rounded-md border border-slate-300 bg-white px-3 text-sm text-slate-900 shadow-sm placeholder:text-slate-400",
  "focus:border-indigo-500 focus:ring-2 focus:ring-indigo-500/20 focus:outline-none disabled:bg-slate-50 disabled:text-slate-500 aria-invalid:border-rose-400",
].join(" ");

export const inputClass = `${inputBase} py-2`;

/** A labelled text input. */
export function TextField({ label, id, ...props }: InputHTMLAttributes<HTMLInputElement> & { label: string; id: string }) {
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input id={id} className={inputClass} {...props} />
    </div>
  );
}
