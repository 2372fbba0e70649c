import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { Providers } from "./_lib/trpc";
import { NavLinks } from "./_ui/nav-links";
import "./globals.css";

export const metadata: Metadata = {
  title: "Omniflow",
  description: "Design and run omnichannel customer-service flows",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="flex h-full flex-col bg-slate-50 font-sans text-slate-900 antialiased">
        <header className="flex h-12 shrink-0 items-center gap-6 border-b border-slate-200 bg-white px-4">
          <Link href="/" className="font-semibold tracking-tight text-indigo-700">
            Omniflow
          </Link>
          <NavLinks />
        </header>
        <Providers>
          <main className="min-h-0 flex-1">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
