"use client";
import { X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useRef, type FormEvent, type ReactNode } from "react";

/**
 * A modal form on the native <dialog> (focus trap, Escape and backdrop for free).
 * Children are the fields; `actions` sit in the footer inside the same form, so Enter submits.
 */
export function Dialog({
  open,
  title,
  description,
  onClose,
  onSubmit,
  actions,
  children,
  testId,
}: {
  open: boolean;
  title: string;
  description?: ReactNode;
  onClose: () => void;
  onSubmit: () => void;
  actions: ReactNode;
  children?: ReactNode;
  testId?: string;
}) {
  const t = useTranslations("common");
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (open && !dialog?.open) dialog?.showModal();
    if (!open && dialog?.open) dialog.close();
  }, [open]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };

  return (
    <dialog
      ref={ref}
      onClose={onClose}
      data-testid={testId}
      className="m-auto w-full max-w-md rounded-xl bg-white p-0 text-slate-900 shadow-xl ring-1 ring-slate-900/10 backdrop:bg-slate-900/40"
    >
      {open && (
        <form onSubmit={submit}>
          <div className="flex items-start justify-between gap-4 px-5 pt-5">
            <div>
              <h2 className="text-base font-semibold">{title}</h2>
              {description && <div className="mt-1 text-sm text-slate-500">{description}</div>}
            </div>
            <button type="button" onClick={onClose} className="rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-600" aria-label={t("close")}>
              <X className="size-4" />
            </button>
          </div>
          {children && <div className="space-y-3 px-5 pt-4">{children}</div>}
          <div className="mt-5 flex justify-end gap-2 rounded-b-xl border-t border-slate-100 bg-slate-50 px-5 py-3">{actions}</div>
        </form>
      )}
    </dialog>
  );
}
