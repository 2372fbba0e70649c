import type { Metadata } from "next";
import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { BrowserTimeZone } from "./_i18n/browser-time-zone";
import { Providers } from "./_lib/trpc";
import { currentUser } from "./_server/current-user";
import { LanguageSwitcher } from "./_ui/language-switcher";
import { NavLinks } from "./_ui/nav-links";
import { UserMenu } from "./_ui/user-menu";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("app");
  return { title: "Omniflow", description: t("description") };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, user] = await Promise.all([getLocale(), currentUser()]);
  return (
    <html lang={locale}>
      <body className="flex h-full flex-col bg-slate-50 font-sans text-slate-900 antialiased">
        <NextIntlClientProvider>
          <BrowserTimeZone>
            <Providers>
              <header className="flex h-12 shrink-0 items-center gap-4 border-b border-slate-200 bg-white px-4">
                <Link href="/" className="font-semibold tracking-tight text-indigo-700">
                  Omniflow
                </Link>
                {user && <NavLinks role={user.role} />}
                <LanguageSwitcher signedIn={user !== null} />
                {user && <UserMenu name={user.name} role={user.role} />}
              </header>
              <main className="min-h-0 flex-1">{children}</main>
            </Providers>
          </BrowserTimeZone>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
