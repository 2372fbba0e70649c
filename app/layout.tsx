import type { Metadata } from "next";
import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { BrowserTimeZone } from "./_i18n/browser-time-zone";
import { Providers } from "./_lib/trpc";
import { LanguageSwitcher } from "./_ui/language-switcher";
import { NavLinks } from "./_ui/nav-links";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return { title: "Omniflow", description: t("description") };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="flex h-full flex-col bg-slate-50 font-sans text-slate-900 antialiased">
        <NextIntlClientProvider>
          <BrowserTimeZone>
            <header className="flex h-12 shrink-0 items-center gap-6 border-b border-slate-200 bg-white px-4">
              <Link href="/" className="font-semibold tracking-tight text-indigo-700">
                Omniflow
              </Link>
              <NavLinks />
              <LanguageSwitcher />
            </header>
            <Providers>
              <main className="min-h-0 flex-1">{children}</main>
            </Providers>
          </BrowserTimeZone>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
