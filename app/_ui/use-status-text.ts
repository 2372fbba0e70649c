"use client";
import { useTranslations } from "next-intl";

/**
 * A stored status (a message's, an instance's, a task's or a case's) in the reader's language; one
 * this version has no words for is shown as stored.
 */
export function useStatusText(): (status: string) => string {
  const t = useTranslations("statuses");
  return (status) => {
    const key = status as "sent";
    return t.has(key) ? t(key) : status;
  };
}
