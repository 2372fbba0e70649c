"use client";
import { SendHorizontal } from "lucide-react";
import { useTranslations } from "next-intl";
import type { FormEvent, KeyboardEvent } from "react";
import { Button } from "./button";
import { inputBase } from "./text-field";

/** A message box: Enter sends, Shift+Enter breaks the line. */
export function Composer({
  value,
  onChange,
  onSend,
  pending,
  disabled = false,
  placeholder,
  inputTestId,
  sendTestId,
}: {
  value: string;
  onChange: (text: string) => void;
  onSend: () => void;
  pending: boolean;
  disabled?: boolean;
  placeholder: string;
  inputTestId: string;
  sendTestId: string;
}) {
  const t = useTranslations("common");
  const blocked = disabled || pending || value.trim() === "";
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!blocked) onSend();
  };
  const keyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  };
  return (
    <form onSubmit={submit} className="flex items-end gap-2">
      <textarea
        rows={1}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={keyDown}
        placeholder={placeholder}
        disabled={disabled}
        className={`${inputBase} field-sizing-content max-h-32 min-h-9 resize-none py-[7px]`}
        data-testid={inputTestId}
      />
      <Button type="submit" variant="primary" disabled={blocked} data-testid={sendTestId}>
        <SendHorizontal className="size-4" aria-hidden />
        {pending ? t("sending") : t("send")}
      </Button>
    </form>
  );
}
