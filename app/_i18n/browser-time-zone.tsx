"use client";
import { NextIntlClientProvider, useLocale, useMessages } from "next-intl";
import { useState, type ReactNode } from "react";

/**
 * Dates and times show in the viewer's own time zone, as they did before next-intl: the server
 * would otherwise pass its own. Data-bound dates render only in the browser (queries load there).
 */
export function BrowserTimeZone({ children }: { children: ReactNode }) {
  const locale = useLocale();
  const messages = useMessages();
  const [timeZone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  return (
    <NextIntlClientProvider locale={locale} messages={messages} timeZone={timeZone}>
      {children}
    </NextIntlClientProvider>
  );
}
