"use client";
import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { isLocale, localeCookie, localeNames, locales } from "@/app/_i18n/locales";
import { useTRPC } from "@/app/_lib/trpc";

const ONE_YEAR_S = 365 * 24 * 60 * 60;

/**
 * Sets the `locale` cookie (a year, whole site) and, for someone signed in, their own setting (it
 * follows them to any browser), then re-renders the page in that language.
 */
export function LanguageSwitcher({ signedIn }: { signedIn: boolean }) {
  const t = useTranslations("header");
  const locale = useLocale();
  const router = useRouter();
  const trpc = useTRPC();
  const save = useMutation(trpc.me.setLanguage.mutationOptions());
  const [pending, startTransition] = useTransition();
  const change = async (value: string) => {
    if (!isLocale(value)) return;
    // biome-ignore lint/suspicious/noDocumentCookie: one plain cookie the server reads; the Cookie Store API is not in every browser.
    document.cookie = `${localeCookie}=${value}; path=/; max-age=${ONE_YEAR_S}; SameSite=Lax`;
    if (signedIn) await save.mutateAsync({ language: value }).catch(() => undefined); // the cookie still holds it for this browser
    startTransition(() => router.refresh());
  };
  return (
    <select
      value={locale}
      onChange={(e) => void change(e.target.value)}
      disabled={pending || save.isPending}
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
