"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { isLocale, localeCookie, localeNames, locales } from "@/app/_i18n/locales";

const ONE_YEAR_S = 365 * 24 * 60 * 60;

/** Sets the `locale` cookie (a year, whole site) and re-renders the page in that language. */
export function LanguageSwitcher() {
  const t = useTranslations("header");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const change = (value: string) => {
    if (!isLocale(value)) return;
    // biome-ignore lint/suspicious/noDocumentCookie: one plain cookie the server reads; the Cookie Store API is not in every browser.
    document.cookie = `${localeCookie}=${value}; path=/; max-age=${ONE_YEAR_S}; SameSite=Lax`;
    startTransition(() => router.refresh());
  };
  return (
    <select
      value={locale}
      onChange={(e) => change(e.target.value)}
      disabled={pending}
      aria-label={t("language")}
      className="ml-auto rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-700 shadow-sm focus:border-indigo-500 focus:outline-none"
      data-testid="language-switcher"
    >
      {locales.map((code) => (
        <option key={code} value={code} lang={code}>
          {localeNames[code]}
        </option>
      ))}
    </select>
  );
}
