"use client";
import { CircleAlert, X } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { errorMessage } from "@/app/_lib/trpc";
import { type ErrorParams, errorText } from "@/engine/contracts/error-texts";
import type { FieldIssue } from "@/engine/contracts/field-issues";

type ErrorData = {
  fields?: FieldIssue[] | null;
  engineError?: { code: string; params: ErrorParams } | null;
};

/** The per-field problems of an input error (the tRPC error formatter's `fields`), none for any other error. */
export const errorFields = (error: unknown) => (error as { data?: ErrorData } | null)?.data?.fields ?? [];

/** A field's problem in `locale` (zod's bounds and "required" carry a code; other messages are the schema's English). */
export const fieldText = (issue: FieldIssue, locale: string) => errorText(issue, locale);

/** The engine's code for a refusal ("flow.trigger-overlap"), null for any other error. */
export const engineErrorCode = (error: unknown) => (error as { data?: ErrorData } | null)?.data?.engineError?.code ?? null;

/**
 * Input errors carry per-field messages (see the tRPC error formatter); prefer those to the raw JSON
 * message. An engine error carries its code and params: it reads in `locale` (English is its message).
 */
export function readableError(error: unknown, locale = "en"): string {
  const data = (error as { data?: ErrorData } | null)?.data;
  const fields = errorFields(error);
  // One field's problem is shown by its form, beside the field: its (English) name would only get in the way.
  if (fields.length === 1) return fieldText(fields[0], locale);
  if (fields.length) return fields.map((f) => (f.field ? `${f.field}: ${fieldText(f, locale)}` : fieldText(f, locale))).join("; ");
  const engineError = data?.engineError;
  if (engineError) return errorText({ ...engineError, message: errorMessage(error) }, locale);
  return errorMessage(error);
}

export function ErrorNotice({ error, onDismiss, className = "" }: { error: unknown; onDismiss?: () => void; className?: string }) {
  const t = useTranslations("common");
  const locale = useLocale();
  if (!error) return null;
  return (
    <div
      role="alert"
      className={`flex items-start gap-2 rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800 ${className}`}
      data-testid="error-notice"
    >
      <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
      <span className="min-w-0 flex-1 break-words first-letter:uppercase">{readableError(error, locale)}</span>
      {onDismiss && (
        <button
          type="button"
          onClick={onDismiss}
          className="-my-0.5 rounded p-0.5 text-rose-500 hover:bg-rose-100 hover:text-rose-700"
          aria-label={t("dismiss")}
        >
          <X className="size-4" />
        </button>
      )}
    </div>
  );
}
