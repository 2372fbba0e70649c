"use client";
import { useTranslations } from "next-intl";

/** Values the engine stores, in the reader's language; one this version has no words for is shown as stored. */
function useStoredText(namespace: "statuses" | "eventTypes"): (value: string) => string {
  const t = useTranslations(namespace) as unknown as { (key: string): string; has(key: string): boolean };
  return (value) => (t.has(value) ? t(value) : value);
}

/** A message's, an instance's, a task's or a case's status (the `statuses` group). */
export const useStatusText = () => useStoredText("statuses");

/** What a flow step took in: its event type (`message.received`; the `eventTypes` group nests at the dot). */
export const useEventTypeText = () => useStoredText("eventTypes");
